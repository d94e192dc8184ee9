using Lake.Contracts;

namespace Lake.Serving.Tests;

[Trait("Category", "Unit")]
public class ServingItemsTests
{
    private static readonly DatasetContract Contract = ContractLoader.Parse("""
        dataset: things
        version: 1
        description: test
        columns:
          - { name: id, type: bigint, nullable: false }
          - { name: price, type: "decimal(12,2)" }
          - { name: count, type: int }
          - { name: flag, type: boolean }
          - { name: day, type: date }
          - { name: note, type: string }
        serving:
          table: things
          partitionKey: id
          sortKey: processed_at
          attributes: [price, count, flag, day, note]
        rules: |
          Rules = [ RowCount > 0 ]
        """, "things.yaml");

    [Fact]
    public void AnItemTypesEachValueByItsColumnAndLeavesEmptyValuesOut()
    {
        var item = new ServingItems(Contract).Item(["42", "12.50", "3", "true", "2024-06-01", null], "2026-12-04T09:00:00.000Z", "u1");

        Assert.Equal(["count", "day", "flag", "id", "price", "processed_at", "upload_id"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("42", "12.50", "3"), (item["id"].N, item["price"].N, item["count"].N));
        Assert.Equal((true, "2024-06-01", "2026-12-04T09:00:00.000Z", "u1"), (item["flag"].BOOL, item["day"].S, item["processed_at"].S, item["upload_id"].S));
    }

    [Fact]
    public void JsonKeepsDecimalsExactAsStringsAndOtherNumbersAsNumbers()
    {
        var items = new ServingItems(Contract);

        var json = items.ToJson(items.Item(["42", "12.50", "3", "false", "2024-06-01", "hi"], "t", "u1")).ToJsonString();

        Assert.Equal("""{"count":3,"day":"2024-06-01","flag":false,"id":42,"note":"hi","price":"12.50","processed_at":"t","upload_id":"u1"}""", json);
    }

    [Fact]
    public void TheSortKeyIsUtcToTheMillisecond() =>
        Assert.Equal("2026-12-04T08:00:00.123Z", ServingItems.Timestamp(new DateTimeOffset(2026, 12, 4, 9, 0, 0, 123, TimeSpan.FromHours(1))));

    [Fact]
    public void ANumericPartitionKeyIsDeclaredAsANumber() =>
        Assert.Equal("id HASH (N), processed_at RANGE (S)", TableKeySchema.For(Contract).ToString());
}
