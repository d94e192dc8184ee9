using Lake.Aws.Glue;
using Lake.Testing;

namespace Lake.Aws.Tests.Glue;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class GluePartitionTests(EmulatorFixture fixture) : IDisposable
{
    private readonly GlueClient _glue = new(EmulatorClients.Options(fixture));

    public void Dispose() => _glue.Dispose();

    [Fact]
    public async Task PartitionsCreatedInABatchAreAllReturnedWhenListingAllWithASmallerPageSize()
    {
        // moto ignores MaxResults and answers in one page; NextToken-following is covered by GluePaginationTests.
        var database = await CreateDatabaseAsync();
        await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = GlueModels.OrdersTable("orders", "s3://curated/orders/") });
        var days = Enumerable.Range(0, 25).Select(GlueModels.Day).ToList();

        var created = await _glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
        {
            DatabaseName = database,
            TableName = "orders",
            PartitionInputList = [.. days.Select(day => GlueModels.Partition("s3://curated/orders/", day))],
        });
        var all = new List<Partition>();
        await foreach (var partition in _glue.GetAllPartitionsAsync(new GetPartitionsRequest { DatabaseName = database, TableName = "orders", MaxResults = 10 }))
        {
            all.Add(partition);
        }

        Assert.Empty(created.Errors);
        Assert.Equal(days, all.Select(partition => Assert.Single(partition.Values)).Order());
        var first = all.Single(partition => partition.Values[0] == days[0]);
        Assert.Equal(database, first.DatabaseName);
        Assert.Equal("orders", first.TableName);
        Assert.Equal($"s3://curated/orders/order_date={days[0]}/", first.StorageDescriptor!.Location);
        Assert.Equal("u-1", first.Parameters["lake.upload"]);
        Assert.NotNull(first.CreationTime);
    }

    [Fact]
    public async Task CreatingPartitionsThatExistReportsThemAsErrorsAndCreatesTheRest()
    {
        var database = await CreateDatabaseAsync();
        await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = GlueModels.OrdersTable("orders", "s3://curated/orders/") });
        await _glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
        {
            DatabaseName = database,
            TableName = "orders",
            PartitionInputList = [GlueModels.Partition("s3://curated/orders/", GlueModels.Day(0))],
        });

        var again = await _glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
        {
            DatabaseName = database,
            TableName = "orders",
            PartitionInputList = [GlueModels.Partition("s3://curated/orders/", GlueModels.Day(0)), GlueModels.Partition("s3://curated/orders/", GlueModels.Day(1))],
        });
        var partitions = await _glue.GetPartitionsAsync(new GetPartitionsRequest { DatabaseName = database, TableName = "orders" });

        var error = Assert.Single(again.Errors);
        Assert.Equal([GlueModels.Day(0)], error.PartitionValues);
        Assert.Equal("AlreadyExistsException", error.ErrorDetail.ErrorCode);
        Assert.Equal([GlueModels.Day(0), GlueModels.Day(1)], partitions.Partitions.Select(partition => partition.Values[0]).Order());
    }

    [Fact]
    public async Task PartitionsCanBeFilteredByAnExpressionOverThePartitionKey()
    {
        var database = await CreateDatabaseAsync();
        await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = GlueModels.OrdersTable("orders", "s3://curated/orders/") });
        await _glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
        {
            DatabaseName = database,
            TableName = "orders",
            PartitionInputList = [.. Enumerable.Range(0, 4).Select(i => GlueModels.Partition("s3://curated/orders/", GlueModels.Day(i)))],
        });

        var filtered = await _glue.GetPartitionsAsync(new GetPartitionsRequest
        {
            DatabaseName = database,
            TableName = "orders",
            Expression = $"order_date = '{GlueModels.Day(2)}'",
        });

        Assert.Equal(GlueModels.Day(2), Assert.Single(Assert.Single(filtered.Partitions).Values));
    }

    private async Task<string> CreateDatabaseAsync()
    {
        var name = TestNames.Unique("db").Replace('-', '_');
        await _glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new DatabaseInput { Name = name } });
        return name;
    }
}
