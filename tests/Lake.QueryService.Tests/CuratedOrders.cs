using Amazon.S3.Model;
using DuckDB.NET.Data;
using Lake.Aws.Glue;
using Lake.Contracts;
using Lake.DuckDb;
using Lake.QueryService.Catalog;
using Lake.Testing;

namespace Lake.QueryService.Tests;

/// <summary>
/// What the transform service does for the orders dataset, done by hand and exactly per the catalog convention:
/// zstd Parquet of the contract's non-partition columns written with DuckDB to
/// <c>curated/orders/order_date={day}/part-{uploadId}-{n}.parquet</c>, the Glue table created from the contract, and
/// each new partition registered.
/// </summary>
public sealed class CuratedOrders(TestLake lake)
{
    public const string Dataset = "orders";
    private const string ParquetSerde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private static readonly DatasetContract Contract = ContractCatalog.Load(null)[Dataset];
    private readonly HashSet<string> _registered = [];
    private bool _tableCreated;

    public string Bucket => lake.Options.Buckets.Curated;

    public string TableLocation => $"s3://{Bucket}/{Dataset}/";

    public static string Key(string day, string uploadId, int n = 0) => $"{Dataset}/order_date={day}/part-{uploadId}-{n}.parquet";

    /// <summary>Writes the rows of one day as one Parquet object, creating the table and registering the partition when new.</summary>
    public async Task<string> WriteAsync(IReadOnlyList<OrderRow> rows, string uploadId, int n = 0)
    {
        var day = rows.Select(r => r.Day).Distinct().Single();
        var key = Key(day, uploadId, n);
        var file = Path.Combine(Path.GetTempPath(), $"lake-query-test-{Guid.NewGuid():N}.parquet");
        try
        {
            WriteParquet(rows, file);
            await lake.Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = file });
        }
        finally
        {
            File.Delete(file);
        }

        await EnsureTableAsync();
        if (_registered.Add(day))
        {
            await RegisterAsync(day);
        }

        return key;
    }

    private static void WriteParquet(IReadOnlyList<OrderRow> rows, string file)
    {
        var columns = Contract.Columns.Where(c => !Contract.PartitionBy.Contains(c.Name)).ToList();
        using var connection = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        connection.Open();
        Execute(connection, $"CREATE TABLE rows ({string.Join(", ", columns.Select(c => $"{c.Name} {HiveTypes.ToDuckDb(c.Type.ToString())}"))})");
        using var insert = new DuckDBCommand($"INSERT INTO rows VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})", connection);
        foreach (var row in rows)
        {
            var values = new Dictionary<string, object?>
            {
                ["order_id"] = row.OrderId, ["customer_id"] = row.CustomerId, ["customer_name"] = row.CustomerName, ["product_name"] = row.ProductName,
                ["quantity"] = row.Quantity, ["unit_price"] = row.UnitPrice, ["currency"] = row.Currency, ["total"] = row.Total,
            };
            insert.Parameters.Clear();
            insert.Parameters.AddRange(columns.Select(c => new DuckDBParameter(values[c.Name] ?? DBNull.Value)));
            insert.ExecuteNonQuery();
        }

        Execute(connection, $"COPY rows TO {SqlText.Path(file)} (FORMAT parquet, COMPRESSION zstd)");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task EnsureTableAsync()
    {
        if (_tableCreated)
        {
            return;
        }

        await lake.Clients.Glue.CreateTableAsync(new CreateTableRequest
        {
            DatabaseName = lake.Options.GlueDatabase,
            TableInput = new TableInput
            {
                Name = Dataset,
                TableType = "EXTERNAL_TABLE",
                Parameters =
                {
                    ["classification"] = "parquet", ["parquet.compression"] = "ZSTD",
                    ["lake.contract.version"] = Contract.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["lake.dataset"] = Dataset,
                },
                PartitionKeys = [.. Contract.PartitionBy.Select(name => new Column { Name = name, Type = Contract.FindColumn(name)!.Type.ToString() })],
                StorageDescriptor = Storage(TableLocation),
            },
        });
        _tableCreated = true;
    }

    private Task RegisterAsync(string day) =>
        lake.Clients.Glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
        {
            DatabaseName = lake.Options.GlueDatabase,
            TableName = Dataset,
            PartitionInputList = [new PartitionInput { Values = [day], StorageDescriptor = Storage($"{TableLocation}order_date={day}/") }],
        });

    private static StorageDescriptor Storage(string location) => new()
    {
        Columns = [.. Contract.Columns.Where(c => !Contract.PartitionBy.Contains(c.Name)).Select(c => new Column { Name = c.Name, Type = c.Type.ToString() })],
        Location = location,
        InputFormat = ParquetInput,
        OutputFormat = ParquetOutput,
        SerdeInfo = new SerDeInfo { SerializationLibrary = ParquetSerde },
        Compressed = true,
        Parameters = { ["parquet.compression"] = "ZSTD" },
    };
}
