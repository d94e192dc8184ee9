using Lake.Aws.Glue;

namespace Lake.Aws.Tests.Glue;

/// <summary>A partitioned Parquet table like the ones the transform service registers.</summary>
internal static class GlueModels
{
    public const string ParquetSerde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    public static TableInput OrdersTable(string name, string location) => new()
    {
        Name = name,
        Description = "Curated orders",
        TableType = "EXTERNAL_TABLE",
        Parameters = { ["classification"] = "parquet", ["lake.contract"] = "orders@1" },
        PartitionKeys = [new Column { Name = "order_date", Type = "string", Comment = "yyyy-MM-dd" }],
        StorageDescriptor = Storage(location),
    };

    public static StorageDescriptor Storage(string location) => new()
    {
        Columns =
        [
            new Column { Name = "order_id", Type = "string" },
            new Column { Name = "quantity", Type = "int" },
            new Column { Name = "amount", Type = "decimal(10,2)", Comment = "in currency units" },
        ],
        Location = location,
        InputFormat = ParquetInput,
        OutputFormat = ParquetOutput,
        SerdeInfo = new SerDeInfo { SerializationLibrary = ParquetSerde, Parameters = { ["serialization.format"] = "1" } },
        Compressed = true,
        Parameters = { ["parquet.compression"] = "ZSTD" },
    };

    public static PartitionInput Partition(string tableLocation, string orderDate) => new()
    {
        Values = [orderDate],
        StorageDescriptor = Storage($"{tableLocation}order_date={orderDate}/"),
        Parameters = { ["lake.upload"] = "u-1" },
    };

    public static string Day(int offset) => new DateOnly(2024, 6, 1).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
