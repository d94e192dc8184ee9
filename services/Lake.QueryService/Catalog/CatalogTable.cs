namespace Lake.QueryService.Catalog;

/// <summary>A column as the catalog declares it: a name and a Hive type (<c>string</c>, <c>decimal(12,2)</c>, ...).</summary>
public sealed record CatalogColumn(string Name, string HiveType)
{
    public string DuckDbType => HiveTypes.ToDuckDb(HiveType);
}

/// <summary>
/// A Glue table of the lake's database (catalog convention: Parquet under <c>s3://{curated}/{dataset}/</c>, the
/// partition keys last), with the partitions the catalog has registered. Only registered partitions are queryable.
/// </summary>
public sealed record CatalogTable(
    string Database,
    string Name,
    IReadOnlyList<CatalogColumn> Columns,
    IReadOnlyList<CatalogColumn> PartitionKeys,
    S3Location Location,
    IReadOnlyList<CatalogPartition> Partitions)
{
    /// <summary>How queries name it: <c>database.table</c>.</summary>
    public string QualifiedName => $"{Database}.{Name}";

    /// <summary>Every column in query order: the data columns, then the partition keys (as Athena shows them).</summary>
    public IEnumerable<CatalogColumn> AllColumns => Columns.Concat(PartitionKeys);
}

/// <summary>A registered partition: one value per partition key, in key order, and where its files are.</summary>
public sealed record CatalogPartition(IReadOnlyList<string> Values, S3Location Location);
