using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Lake.Contracts;

namespace Lake.Serving;

/// <summary>
/// Makes a serving table's items from a dataset's rows, and turns them back into JSON: strings, dates and timestamps
/// are DynamoDB strings, numbers are numbers (as written, so decimals stay exact), booleans booleans; an empty value
/// is left out of the item.
/// </summary>
public sealed class ServingItems
{
    private readonly ServingTable _serving;
    private readonly ColumnDefinition[] _columns;

    public ServingItems(DatasetContract contract)
    {
        _serving = contract.Serving ?? throw new ArgumentException($"the {contract.Dataset} contract declares no serving table", nameof(contract));
        _columns = [.. new[] { _serving.PartitionKey }.Concat(_serving.Attributes).Select(name => contract.FindColumn(name)!)];
    }

    /// <summary>The columns an item is made of, partition key first, in the order <see cref="Item"/> takes their values.</summary>
    public IReadOnlyList<ColumnDefinition> Columns => _columns;

    /// <summary>One item: <paramref name="values"/> are the <see cref="Columns"/>' values as text (null when empty).</summary>
    public Dictionary<string, AttributeValue> Item(IReadOnlyList<string?> values, string processedAt, string uploadId)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [_serving.SortKey] = new(processedAt),
            [ServingTable.UploadIdAttribute] = new(uploadId),
        };
        for (var i = 0; i < _columns.Length; i++)
        {
            if (values[i] is { } value)
            {
                item[_columns[i].Name] = Attribute(_columns[i].Type, value);
            }
        }

        return item;
    }

    /// <summary>The processing timestamp as the sort key holds it: ISO 8601 UTC to the millisecond, so it sorts as text.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// An item as JSON, as the query service writes values: whole numbers and doubles as numbers, decimals as strings
    /// holding the exact value (money must not pass through a double), booleans as booleans, the rest as strings.
    /// </summary>
    public JsonObject ToJson(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var json = new JsonObject();
        foreach (var (name, value) in item.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var kind = _columns.FirstOrDefault(c => c.Name == name)?.Type.Kind;
            json[name] = value switch
            {
                { N: { } number } when kind == ColumnKind.Decimal => JsonValue.Create(number),
                { N: { } number } => JsonNode.Parse(decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
                { BOOL: { } flag } => JsonValue.Create(flag),
                { S: { } text } => JsonValue.Create(text),
                _ => null,
            };
        }

        return json;
    }

    private static AttributeValue Attribute(ColumnType type, string value) => type.Kind switch
    {
        _ when type.IsNumeric => new AttributeValue { N = value },
        ColumnKind.Boolean => new AttributeValue { BOOL = value is "true" or "1" },
        _ => new AttributeValue(value),
    };
}
