using Lake.Aws.Glue;
using Lake.Contracts;

namespace Lake.TransformService.Catalog;

/// <summary>
/// A dataset's Glue table as its contract describes it (the catalog convention shared with the query service):
/// the non-partition columns in contract order, the partition keys, Parquet SerDe, <c>s3://{curated}/{dataset}/</c>,
/// and the contract's version in the table's parameters.
/// </summary>
public static class CatalogTable
{
    public const string SerializationLibrary = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public const string InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string ContractVersionParameter = "lake.contract.version";
    public const string DatasetParameter = "lake.dataset";

    public static TableInput For(DatasetContract contract, string curatedBucket) => new()
    {
        Name = contract.Dataset,
        Description = contract.Description.Trim(),
        TableType = "EXTERNAL_TABLE",
        Parameters = new Dictionary<string, string>
        {
            ["classification"] = "parquet",
            ["parquet.compression"] = "ZSTD",
            [ContractVersionParameter] = contract.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DatasetParameter] = contract.Dataset,
        },
        PartitionKeys = [.. contract.PartitionBy.Select(name => Column(contract.FindColumn(name)!))],
        StorageDescriptor = Storage(contract, Location(curatedBucket, contract.Dataset)),
    };

    /// <summary>How the table's (and each partition's) files are stored: its columns and Parquet, at <paramref name="location"/>.</summary>
    public static StorageDescriptor Storage(DatasetContract contract, string location) => new()
    {
        Columns = [.. contract.Columns.Where(c => !contract.PartitionBy.Contains(c.Name)).Select(Column)],
        Location = location,
        InputFormat = InputFormat,
        OutputFormat = OutputFormat,
        SerdeInfo = new SerDeInfo { SerializationLibrary = SerializationLibrary, Parameters = new() { ["serialization.format"] = "1" } },
        Compressed = true,
    };

    /// <summary><c>s3://{bucket}/{dataset}/</c>, or a partition's <c>s3://{bucket}/{dataset}/{col}={value}/</c>.</summary>
    public static string Location(string curatedBucket, string dataset, string? partitionPath = null) =>
        string.IsNullOrEmpty(partitionPath) ? $"s3://{curatedBucket}/{dataset}/" : $"s3://{curatedBucket}/{dataset}/{partitionPath}/";

    /// <summary>The Hive type is the contract's own name: <c>string</c>, <c>int</c>, <c>bigint</c>, <c>decimal(p,s)</c>, <c>double</c>, <c>boolean</c>, <c>date</c>, <c>timestamp</c>.</summary>
    private static Column Column(ColumnDefinition column) => new() { Name = column.Name, Type = column.Type.ToString(), Comment = column.Description };
}
