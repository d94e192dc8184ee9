namespace Lake.Transform.Conversion;

/// <summary>What a conversion wrote, all under the request's work directory.</summary>
/// <param name="Partitions">The curated partitions, in path order; one with no values when the dataset is not partitioned.</param>
/// <param name="CuratedDirectory">The root the partitions' paths and files are relative to.</param>
/// <param name="QuarantineFile">The quarantine Parquet file, or null when no row failed.</param>
/// <param name="KeyFile">The upload's key file, or null when the contract has no key or no row was curated.</param>
/// <param name="FailuresByRule">Quarantined rows per rule (DQDL text or <c>type</c>); a row counts once per rule it broke.</param>
public sealed record ConversionResult(
    long RowsIn,
    long RowsValid,
    long RowsQuarantined,
    IReadOnlyList<CuratedPartition> Partitions,
    string CuratedDirectory,
    string? QuarantineFile,
    string? KeyFile,
    IReadOnlyDictionary<string, long> FailuresByRule)
{
    /// <summary>The share of rows quarantined (0 for an empty file).</summary>
    public double QuarantinedShare => RowsIn == 0 ? 0 : (double)RowsQuarantined / RowsIn;
}

/// <summary>One Hive partition the conversion wrote.</summary>
/// <param name="Values">One value per partition column, in the contract's order (unescaped).</param>
/// <param name="Path">Relative to the curated directory with '/' separators, e.g. <c>order_date=2024-01-01</c>; empty when not partitioned.</param>
/// <param name="Files">Its Parquet files, relative to the curated directory with '/' separators.</param>
public sealed record CuratedPartition(IReadOnlyList<string> Values, string Path, IReadOnlyList<string> Files);
