using System.Globalization;
using System.Text;
using Lake.Aws.Signing;

namespace Lake.Aws.Protocols;

/// <summary>The flattened form fields of an AWS Query request, e.g. <c>Attributes.entry.1.key=...</c>.</summary>
internal sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Adds one field; a null value is left out.</summary>
    public QueryParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(name, value));
        }

        return this;
    }

    public QueryParameters Add(string name, bool value) => Add(name, value ? "true" : "false");

    /// <summary>A string map: <c>{prefix}.entry.{n}.key</c> and <c>{prefix}.entry.{n}.value</c>, numbered from 1.</summary>
    public QueryParameters AddMap(string prefix, IReadOnlyDictionary<string, string> map)
    {
        var index = 1;
        foreach (var (key, value) in map)
        {
            var entry = Entry(prefix, index++);
            Add($"{entry}.key", key).Add($"{entry}.value", value);
        }

        return this;
    }

    /// <summary>The name of map entry <paramref name="index"/> (1-based) under <paramref name="prefix"/>.</summary>
    public static string Entry(string prefix, int index) => $"{prefix}.entry.{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The form body: <c>Action</c> and <c>Version</c> first, then the fields, RFC 3986-encoded.</summary>
    public string ToFormBody(string action, string version)
    {
        var builder = new StringBuilder();
        builder.Append("Action=").Append(SigV4Signer.Encode(action));
        builder.Append("&Version=").Append(SigV4Signer.Encode(version));
        foreach (var (name, value) in _fields)
        {
            builder.Append('&').Append(SigV4Signer.Encode(name)).Append('=').Append(SigV4Signer.Encode(value));
        }

        return builder.ToString();
    }
}
