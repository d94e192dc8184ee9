using Lake.Aws.Glue;
using Lake.Testing;

namespace Lake.Aws.Tests.Glue;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class GlueCatalogTests(EmulatorFixture fixture) : IDisposable
{
    private readonly GlueClient _glue = new(EmulatorClients.Options(fixture));

    public void Dispose() => _glue.Dispose();

    [Fact]
    public async Task A_created_database_is_read_back_with_its_description_location_and_parameters()
    {
        var name = TestNames.Unique("lake").Replace('-', '_');
        var before = DateTime.UtcNow.AddMinutes(-5);

        await _glue.CreateDatabaseAsync(new CreateDatabaseRequest
        {
            DatabaseInput = new DatabaseInput
            {
                Name = name,
                Description = "Lake curated zone",
                LocationUri = "s3://curated/",
                Parameters = { ["owner"] = "lake" },
            },
        });
        var database = (await _glue.GetDatabaseAsync(new GetDatabaseRequest { Name = name })).Database;

        Assert.Equal(name, database.Name);
        Assert.Equal("Lake curated zone", database.Description);
        Assert.Equal("s3://curated/", database.LocationUri);
        Assert.Equal("lake", database.Parameters["owner"]);
        Assert.NotNull(database.CreateTime);
        Assert.InRange(database.CreateTime!.Value, before, DateTime.UtcNow.AddMinutes(5));
        Assert.Equal(DateTimeKind.Utc, database.CreateTime.Value.Kind);
    }

    [Fact]
    public async Task CreatingADatabaseTwiceFailsWithAlreadyExists()
    {
        var name = await CreateDatabaseAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            _glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new DatabaseInput { Name = name } }));

        Assert.Equal("AlreadyExistsException", error.ErrorCode);
        Assert.Equal("Glue", error.ServiceName);
        Assert.Equal("Database already exists.", error.ErrorMessage);
    }

    [Fact]
    public async Task A_created_table_is_read_back_with_its_columns_partition_keys_and_storage()
    {
        var database = await CreateDatabaseAsync();
        var before = DateTime.UtcNow.AddMinutes(-5);

        await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = GlueModels.OrdersTable("orders", "s3://curated/orders/") });
        var table = (await _glue.GetTableAsync(new GetTableRequest { DatabaseName = database, Name = "orders" })).Table;

        Assert.Equal("orders", table.Name);
        Assert.Equal(database, table.DatabaseName);
        Assert.Equal("Curated orders", table.Description);
        Assert.Equal("EXTERNAL_TABLE", table.TableType);
        Assert.Equal("orders@1", table.Parameters["lake.contract"]);
        var key = Assert.Single(table.PartitionKeys);
        Assert.Equal(("order_date", "string", "yyyy-MM-dd"), (key.Name, key.Type, key.Comment));
        var storage = table.StorageDescriptor!;
        Assert.Equal(["order_id", "quantity", "amount"], storage.Columns.Select(column => column.Name));
        Assert.Equal("decimal(10,2)", storage.Columns[2].Type);
        Assert.Equal("s3://curated/orders/", storage.Location);
        Assert.Equal(GlueModels.ParquetInput, storage.InputFormat);
        Assert.Equal(GlueModels.ParquetOutput, storage.OutputFormat);
        Assert.Equal(GlueModels.ParquetSerde, storage.SerdeInfo!.SerializationLibrary);
        Assert.Equal("1", storage.SerdeInfo.Parameters["serialization.format"]);
        Assert.True(storage.Compressed);
        Assert.Equal("ZSTD", storage.Parameters["parquet.compression"]);
        Assert.InRange(table.CreateTime!.Value, before, DateTime.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task AskingForAMissingTableFailsWithEntityNotFound()
    {
        var database = await CreateDatabaseAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            _glue.GetTableAsync(new GetTableRequest { DatabaseName = database, Name = "nothing_here" }));

        Assert.Equal("EntityNotFoundException", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task AnUpdatedTableShowsItsNewDefinitionAndANewVersion()
    {
        var database = await CreateDatabaseAsync();
        var input = GlueModels.OrdersTable("orders", "s3://curated/orders/");
        await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = input });
        var original = (await _glue.GetTableAsync(new GetTableRequest { DatabaseName = database, Name = "orders" })).Table;

        input.Description = "Curated orders, with currency";
        input.Parameters["lake.contract"] = "orders@2";
        input.StorageDescriptor!.Columns.Add(new Column { Name = "currency", Type = "string" });
        await _glue.UpdateTableAsync(new UpdateTableRequest { DatabaseName = database, TableInput = input });
        var updated = (await _glue.GetTableAsync(new GetTableRequest { DatabaseName = database, Name = "orders" })).Table;

        Assert.Equal("Curated orders, with currency", updated.Description);
        Assert.Equal("orders@2", updated.Parameters["lake.contract"]);
        Assert.Equal("currency", updated.StorageDescriptor!.Columns.Last().Name);
        Assert.NotEqual(original.VersionId, updated.VersionId);
    }

    [Fact]
    public async Task ListingAllTablesReturnsEveryTableOnceAndLeavesTheRequestUnchanged()
    {
        // moto ignores MaxResults and answers in one page; NextToken-following is covered by GluePaginationTests.
        var database = await CreateDatabaseAsync();
        var names = Enumerable.Range(1, 5).Select(i => $"table_{i}").ToList();
        foreach (var name in names)
        {
            await _glue.CreateTableAsync(new CreateTableRequest { DatabaseName = database, TableInput = GlueModels.OrdersTable(name, $"s3://curated/{name}/") });
        }

        var request = new GetTablesRequest { DatabaseName = database, MaxResults = 2 };
        var all = new List<Table>();
        await foreach (var table in _glue.GetAllTablesAsync(request))
        {
            all.Add(table);
        }

        var filtered = await _glue.GetTablesAsync(new GetTablesRequest { DatabaseName = database, Expression = "table_[23]" });

        Assert.Equal(names, all.Select(table => table.Name).Order());
        Assert.All(all, table => Assert.Equal(database, table.DatabaseName));
        Assert.Null(request.NextToken);
        Assert.Equal(["table_2", "table_3"], filtered.TableList.Select(table => table.Name).Order());
    }

    private async Task<string> CreateDatabaseAsync()
    {
        var name = TestNames.Unique("db").Replace('-', '_');
        await _glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new DatabaseInput { Name = name } });
        return name;
    }
}
