using YamlDotNet.RepresentationModel;

namespace Lake.Contracts.Yaml;

/// <summary>
/// A YAML mapping read strictly: every key must be one of the expected ones, so a typo'd key fails at load
/// instead of being ignored.
/// </summary>
internal sealed class YamlMapping
{
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly string _what;

    /// <param name="what">What the mapping is, for messages: "the contract", "column 'x'".</param>
    public YamlMapping(YamlNode node, string what, string sourceName, IReadOnlyList<string> keys)
    {
        _what = what;
        SourceName = sourceName;
        Node = node as YamlMappingNode
            ?? throw YamlValue.Error(sourceName, node, $"expected {what} to be a mapping (key: value), found {YamlValue.Describe(node)}");
        foreach (var (keyNode, value) in Node.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } text } ? text : "";
            if (!keys.Contains(key))
            {
                throw YamlValue.Error(sourceName, keyNode, $"unknown key '{key}' in {what} (expected one of {string.Join(", ", keys)})");
            }

            _values[key] = value;
        }
    }

    public YamlMappingNode Node { get; }

    public string SourceName { get; }

    public YamlNode? Optional(string key) =>
        _values.TryGetValue(key, out var node) && !YamlValue.IsNull(node) ? node : null;

    public YamlNode Required(string key) =>
        Optional(key) ?? throw YamlValue.Error(SourceName, _values.GetValueOrDefault(key) ?? Node, $"missing '{key}' in {_what}");
}
