using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Lake.Contracts;

namespace Lake.Serving;

/// <summary>A DynamoDB table's keys: a partition key (S or N) and a sort key (S); <see cref="For"/> gives a serving table's.</summary>
public sealed record TableKeySchema(string PartitionKey, ScalarAttributeType PartitionKeyType, string SortKey)
{
    public static TableKeySchema For(DatasetContract contract)
    {
        var serving = contract.Serving ?? throw new ArgumentException($"the {contract.Dataset} contract declares no serving table", nameof(contract));
        var column = contract.FindColumn(serving.PartitionKey)!;
        return new TableKeySchema(serving.PartitionKey, column.Type.IsNumeric ? ScalarAttributeType.N : ScalarAttributeType.S, serving.SortKey);
    }

    public List<AttributeDefinition> AttributeDefinitions =>
        [new(PartitionKey, PartitionKeyType), new(SortKey, ScalarAttributeType.S)];

    public List<KeySchemaElement> KeySchema =>
        [new(PartitionKey, KeyType.HASH), new(SortKey, KeyType.RANGE)];

    /// <summary>Whether <paramref name="table"/> has exactly these keys with these types.</summary>
    public bool Matches(TableDescription table) =>
        (table.KeySchema ?? []).Select(k => $"{k.AttributeName}:{k.KeyType}").ToHashSet().SetEquals(KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"))
        && AttributeDefinitions.All(d => (table.AttributeDefinitions ?? []).Any(a => a.AttributeName == d.AttributeName && a.AttributeType == d.AttributeType));

    public override string ToString() => $"{PartitionKey} HASH ({PartitionKeyType}), {SortKey} RANGE (S)";
}
