using System.Text.Json;
using Lake.Aws.Glue;
using Lake.Testing;

namespace Lake.Aws.Tests.Glue;

/// <summary>The AWS CLI as an independent client: catalog entries ours creates it reads, and the reverse.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class GlueCliInteropTests(EmulatorFixture fixture) : IDisposable
{
    private readonly GlueClient _glue = new(EmulatorClients.Options(fixture));

    public void Dispose() => _glue.Dispose();

    [Fact]
    public async Task A_table_and_partitions_our_client_creates_are_read_by_the_cli()
    {
        var database = TestNames.Unique("ours").Replace('-', '_');
        await _glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new DatabaseInput { Name = database } });
        await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = GlueModels.OrdersTable("orders", "s3://curated/orders/") });
        await _glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
        {
            DatabaseName = database,
            TableName = "orders",
            PartitionInputList = [GlueModels.Partition("s3://curated/orders/", GlueModels.Day(0)), GlueModels.Partition("s3://curated/orders/", GlueModels.Day(1))],
        });

        var table = (await fixture.Cli.RunAsync("glue", "get-table", "--database-name", database, "--name", "orders"))!.Value.GetProperty("Table");
        var partitions = (await fixture.Cli.RunAsync("glue", "get-partitions", "--database-name", database, "--table-name", "orders"))!.Value.GetProperty("Partitions");

        Assert.Equal("EXTERNAL_TABLE", table.GetProperty("TableType").GetString());
        Assert.Equal("order_date", table.GetProperty("PartitionKeys")[0].GetProperty("Name").GetString());
        var storage = table.GetProperty("StorageDescriptor");
        Assert.Equal(["order_id", "quantity", "amount"], storage.GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("Name").GetString()));
        Assert.Equal(GlueModels.ParquetSerde, storage.GetProperty("SerdeInfo").GetProperty("SerializationLibrary").GetString());
        Assert.Equal("s3://curated/orders/", storage.GetProperty("Location").GetString());
        Assert.Equal(
            [GlueModels.Day(0), GlueModels.Day(1)],
            partitions.EnumerateArray().Select(p => p.GetProperty("Values")[0].GetString()).Order());
        Assert.All(partitions.EnumerateArray(), p =>
            Assert.StartsWith("s3://curated/orders/order_date=", p.GetProperty("StorageDescriptor").GetProperty("Location").GetString()));
    }

    [Fact]
    public async Task A_table_and_partitions_the_cli_creates_are_read_by_our_client()
    {
        var database = TestNames.Unique("cli").Replace('-', '_');
        await fixture.Cli.RunRawAsync("glue", "create-database", "--database-input", JsonSerializer.Serialize(new { Name = database, Description = "from the cli" }));
        var tableInput = """
            {"Name":"events","TableType":"EXTERNAL_TABLE","Parameters":{"classification":"parquet"},
             "PartitionKeys":[{"Name":"day","Type":"string"}],
             "StorageDescriptor":{"Columns":[{"Name":"id","Type":"bigint"},{"Name":"payload","Type":"string","Comment":"raw json"}],
               "Location":"s3://curated/events/","InputFormat":"org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
               "OutputFormat":"org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
               "SerdeInfo":{"SerializationLibrary":"org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"}}}
            """;
        await fixture.Cli.RunRawAsync("glue", "create-table", "--database-name", database, "--table-input", tableInput);
        var partitionInputs = JsonSerializer.Serialize(Enumerable.Range(0, 3).Select(i => new
        {
            Values = new[] { GlueModels.Day(i) },
            StorageDescriptor = new { Location = $"s3://curated/events/day={GlueModels.Day(i)}/" },
        }));
        await fixture.Cli.RunRawAsync("glue", "batch-create-partition", "--database-name", database, "--table-name", "events",
            "--partition-input-list", partitionInputs);

        var databaseRead = (await _glue.GetDatabaseAsync(new GetDatabaseRequest { Name = database })).Database;
        var table = (await _glue.GetTableAsync(new GetTableRequest { DatabaseName = database, Name = "events" })).Table;
        var partitions = new List<Partition>();
        await foreach (var partition in _glue.GetAllPartitionsAsync(new GetPartitionsRequest { DatabaseName = database, TableName = "events" }))
        {
            partitions.Add(partition);
        }

        Assert.Equal("from the cli", databaseRead.Description);
        Assert.Equal("parquet", table.Parameters["classification"]);
        Assert.Equal("day", Assert.Single(table.PartitionKeys).Name);
        Assert.Equal(("payload", "string", "raw json"), (table.StorageDescriptor!.Columns[1].Name, table.StorageDescriptor.Columns[1].Type, table.StorageDescriptor.Columns[1].Comment));
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", table.StorageDescriptor.SerdeInfo!.SerializationLibrary);
        Assert.Equal([GlueModels.Day(0), GlueModels.Day(1), GlueModels.Day(2)], partitions.Select(p => p.Values[0]).Order());
        Assert.All(partitions, p => Assert.Equal($"s3://curated/events/day={p.Values[0]}/", p.StorageDescriptor!.Location));
    }
}
