using System.Text.RegularExpressions;
using Lake.Contracts.Yaml;
using YamlDotNet.RepresentationModel;
using static Lake.Contracts.Yaml.YamlValue;

namespace Lake.Contracts;

/// <summary>Reads the optional <c>serving</c> mapping: a table name, a key column, a sort key name, the columns carried.</summary>
internal sealed partial class ServingTableReader(string sourceName, IReadOnlyList<ColumnDefinition> columns)
{
    private static readonly string[] ServingKeys = ["table", "partitionKey", "sortKey", "attributes"];

    public ServingTable? Read(YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var serving = new YamlMapping(node, "serving", sourceName, ServingKeys);
        var tableNode = serving.Required("table");
        var table = String(sourceName, tableNode, "serving table");
        if (!TableName().IsMatch(table))
        {
            throw Error(sourceName, tableNode, $"serving table '{table}' is not a valid DynamoDB table name (expected letters, digits, '_', '-', '.', at most 200)");
        }

        var keyNode = serving.Required("partitionKey");
        var partitionKey = String(sourceName, keyNode, "serving partitionKey");
        var key = Declared(keyNode, partitionKey, "serving partitionKey");
        if (key.Nullable || !ServingTable.KeyKinds.Contains(key.Type.Kind))
        {
            throw Error(sourceName, keyNode, $"serving partitionKey column '{partitionKey}' must be nullable: false and a string, int or bigint; it is {(key.Nullable ? "nullable " : "")}{key.Type}");
        }

        var sortNode = serving.Required("sortKey");
        var sortKey = String(sourceName, sortNode, "serving sortKey");
        if (!AttributeName().IsMatch(sortKey) || columns.Any(c => string.Equals(c.Name, sortKey, StringComparison.OrdinalIgnoreCase)) || sortKey == ServingTable.UploadIdAttribute)
        {
            throw Error(sourceName, sortNode, $"serving sortKey '{sortKey}' names the attribute holding the upload's processing timestamp: an identifier that is not a column and not '{ServingTable.UploadIdAttribute}'");
        }

        var attributes = new List<string>();
        foreach (var (name, item) in serving.Optional("attributes") is { } attributesNode ? StringList(sourceName, attributesNode, "serving attributes") : [])
        {
            Declared(item, name, "serving attributes");
            if (name == partitionKey || attributes.Contains(name) || name == ServingTable.UploadIdAttribute)
            {
                throw Error(sourceName, item, $"serving attributes name '{name}' {(name == partitionKey ? "which is the partition key (always in the item)" : name == ServingTable.UploadIdAttribute ? "which every item carries already (the upload's id)" : "twice")}");
            }

            attributes.Add(name);
        }

        return new ServingTable(table, partitionKey, sortKey, attributes);
    }

    private ColumnDefinition Declared(YamlNode node, string name, string what) =>
        columns.FirstOrDefault(c => c.Name == name)
        ?? throw Error(sourceName, node, $"{what} names column '{name}', which the contract does not declare (columns: {string.Join(", ", columns.Select(c => c.Name))})");

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,200}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex AttributeName();
}
