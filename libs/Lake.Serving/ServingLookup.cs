using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Lake.Serving;

/// <summary>Reads a serving table by partition key: every item of the key, oldest processing first.</summary>
public sealed class ServingLookup(IAmazonDynamoDB dynamo)
{
    /// <summary>At most this many items are returned for one key.</summary>
    public const int MaxItems = 1000;

    /// <exception cref="FormatException">The key is not a number and the table's partition key is one.</exception>
    public async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> GetAsync(
        string table, TableKeySchema schema, string key, CancellationToken cancellationToken)
    {
        var value = schema.PartitionKeyType == ScalarAttributeType.N
            ? new AttributeValue { N = decimal.Parse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) }
            : new AttributeValue(key);
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = schema.PartitionKey },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = value },
                ExclusiveStartKey = start,
                Limit = MaxItems - items.Count,
            }, cancellationToken);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && items.Count < MaxItems);

        return items;
    }
}
