namespace Lake.Contracts.Tests;

/// <summary>The optional <c>serving</c> section: a DynamoDB table by key for the dataset's valid rows.</summary>
[Trait("Category", "Unit")]
public class ServingTableTests
{
    private const string Contract = """
        dataset: orders
        version: 1
        description: A test dataset
        columns:
          - { name: order_id, type: string, nullable: false }
          - { name: quantity, type: int, nullable: false }
          - { name: price, type: "decimal(10,2)" }
          - { name: note, type: string }
          - { name: amount, type: double, nullable: false }
        serving:
          table: orders
          partitionKey: order_id
          sortKey: processed_at
          attributes: [quantity, price]
        rules: |
          Rules = [ RowCount > 0 ]
        """;

    [Fact]
    public void TheOrdersContractServesOrdersByOrderIdAndProcessingTime()
    {
        var serving = ContractLoader.LoadFile(RepoFiles.OrdersContract).Serving!;

        Assert.Equal(("orders", "order_id", "processed_at"), (serving.Table, serving.PartitionKey, serving.SortKey));
        Assert.Equal(["order_date", "customer_id", "customer_name", "product_name", "quantity", "unit_price", "currency", "total"], serving.Attributes);
        Assert.Equal("lake-orders", serving.PhysicalName("lake-"));
    }

    [Fact]
    public void AServingSectionIsReadWithItsAttributesInOrder()
    {
        var serving = ContractLoader.Parse(Contract, "c.yaml").Serving!;

        Assert.Equal(("orders", "order_id", "processed_at"), (serving.Table, serving.PartitionKey, serving.SortKey));
        Assert.Equal(["quantity", "price"], serving.Attributes);
    }

    [Fact]
    public void AContractWithoutAServingSectionServesNothing()
    {
        var start = Contract.IndexOf("serving:", StringComparison.Ordinal);
        var yaml = Contract[..start] + Contract[Contract.IndexOf("rules:", StringComparison.Ordinal)..];

        Assert.Null(ContractLoader.Parse(yaml, "c.yaml").Serving);
    }

    [Theory]
    [InlineData("table: orders", "table: or/ders", "11:10: serving table 'or/ders' is not a valid DynamoDB table name (expected letters, digits, '_', '-', '.', at most 200)")]
    [InlineData("partitionKey: order_id", "partitionKey: id", "12:17: serving partitionKey names column 'id', which the contract does not declare (columns: order_id, quantity, price, note, amount)")]
    [InlineData("partitionKey: order_id", "partitionKey: note", "12:17: serving partitionKey column 'note' must be nullable: false and a string, int or bigint; it is nullable string")]
    [InlineData("partitionKey: order_id", "partitionKey: amount", "12:17: serving partitionKey column 'amount' must be nullable: false and a string, int or bigint; it is double")]
    [InlineData("sortKey: processed_at", "sortKey: quantity", "13:12: serving sortKey 'quantity' names the attribute holding the upload's processing timestamp: an identifier that is not a column and not 'upload_id'")]
    [InlineData("sortKey: processed_at", "sortKey: upload_id", "13:12: serving sortKey 'upload_id' names the attribute holding the upload's processing timestamp: an identifier that is not a column and not 'upload_id'")]
    [InlineData("attributes: [quantity, price]", "attributes: [quantity, prize]", "14:26: serving attributes names column 'prize', which the contract does not declare (columns: order_id, quantity, price, note, amount)")]
    [InlineData("attributes: [quantity, price]", "attributes: [quantity, order_id]", "14:26: serving attributes name 'order_id' which is the partition key (always in the item)")]
    [InlineData("attributes: [quantity, price]", "attributes: [quantity, quantity]", "14:26: serving attributes name 'quantity' twice")]
    [InlineData("sortKey: processed_at", "sortkey: processed_at", "13:3: unknown key 'sortkey' in serving (expected one of table, partitionKey, sortKey, attributes)")]
    [InlineData("  sortKey: processed_at\n", "", "11:3: missing 'sortKey' in serving")]
    public void AMalformedServingSectionFailsAtItsValue(string find, string replace, string expected)
    {
        var yaml = Contract.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Contract, yaml);

        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(yaml, "c.yaml"));

        Assert.Equal($"c.yaml:{expected}", error.Message);
    }
}
