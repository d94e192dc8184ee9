using Lake.Contracts;

namespace Lake.Transform.Conversion;

/// <summary>One CSV file to convert by its dataset's contract.</summary>
/// <param name="CsvPath">The local CSV file.</param>
/// <param name="WorkDirectory">An empty directory the outputs (and DuckDB's spill files) are written under.</param>
/// <param name="FilePrefix">Curated files are named <c>{FilePrefix}-{n}.parquet</c>, e.g. <c>part-{uploadId}</c>.</param>
/// <param name="PreviousKeyFiles">Local key files of the dataset's earlier uploads: their keys are taken.</param>
public sealed record ConversionRequest(
    DatasetContract Contract, string CsvPath, string WorkDirectory, string FilePrefix, IReadOnlyList<string> PreviousKeyFiles)
{
    /// <summary>The Hive-partitioned curated tree: <c>{col}={value}/.../{FilePrefix}-{n}.parquet</c>.</summary>
    public string CuratedDirectory => Path.Combine(WorkDirectory, "curated");

    public string QuarantineFile => Path.Combine(WorkDirectory, "quarantine.parquet");

    public string KeyFile => Path.Combine(WorkDirectory, "keys.parquet");

    /// <summary>Where DuckDB spills when the work outgrows its memory limit.</summary>
    public string SpillDirectory => Path.Combine(WorkDirectory, "spill");
}
