using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Lake.Contracts.Yaml;

/// <summary>Reads typed values out of YAML nodes; a value of the wrong shape fails at the node's position.</summary>
internal static partial class YamlValue
{
    public static SourcePosition PositionOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public static ContractException Error(string sourceName, YamlNode node, string reason) => new(sourceName, PositionOf(node), reason);

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    public static string String(string sourceName, YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw Error(sourceName, node, $"expected {what} to be a non-empty string, found {Describe(node)}");

    public static int Int(string sourceName, YamlNode node, string what) =>
        int.TryParse(String(sourceName, node, what), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(sourceName, node, $"expected {what} to be a whole number, found {Describe(node)}");

    public static double Double(string sourceName, YamlNode node, string what) =>
        double.TryParse(String(sourceName, node, what), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(sourceName, node, $"expected {what} to be a number, found {Describe(node)}");

    public static bool Bool(string sourceName, YamlNode node, string what) => String(sourceName, node, what) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Error(sourceName, node, $"expected {what} to be true or false, found {Describe(node)}"),
    };

    /// <summary>One character, e.g. <c>","</c>; YAML's double-quoted escapes give <c>"\t"</c>.</summary>
    public static char Char(string sourceName, YamlNode node, string what)
    {
        var value = node is YamlScalarNode { Value: { } text } ? text : "";
        return value.Length == 1 ? value[0] : throw Error(sourceName, node, $"expected {what} to be a single character, found {Describe(node)}");
    }

    /// <summary>A size in bytes: a whole number, or one with a unit: <c>100 MiB</c>, <c>512 KiB</c>, <c>1 GiB</c>.</summary>
    public static long Bytes(string sourceName, YamlNode node, string what)
    {
        var match = SizePattern().Match(String(sourceName, node, what));
        if (!match.Success || !long.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var amount))
        {
            throw Error(sourceName, node, $"expected {what} to be a size in bytes (e.g. 104857600 or 100 MiB; units B, KiB, MiB, GiB), found {Describe(node)}");
        }

        var unit = match.Groups[2].Value switch
        {
            "KiB" => 1L << 10,
            "MiB" => 1L << 20,
            "GiB" => 1L << 30,
            _ => 1L,
        };
        return amount <= long.MaxValue / unit ? amount * unit : throw Error(sourceName, node, $"{what} is too large");
    }

    /// <summary>A list of strings, positions kept; a single scalar counts as a list of one.</summary>
    public static List<(string Value, YamlNode Node)> StringList(string sourceName, YamlNode node, string what) => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.Select(item => (String(sourceName, item, $"each entry of {what}"), item))],
        YamlScalarNode => [(String(sourceName, node, what), node)],
        _ => throw Error(sourceName, node, $"expected {what} to be a list of column names, found {Describe(node)}"),
    };

    [GeneratedRegex(@"^\s*(\d+)\s*(B|KiB|MiB|GiB)?\s*$")]
    private static partial Regex SizePattern();
}
