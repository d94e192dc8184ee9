namespace Lake.IngestApi.Datasets;

/// <summary>What the ingest API needs of a dataset contract.</summary>
/// <param name="MaxBytes">The largest file the contract accepts.</param>
public sealed record DatasetSummary(string Name, string Description, long MaxBytes, IReadOnlyList<string> Columns);

/// <summary>The datasets uploads may target, from their contracts.</summary>
public interface IDatasetCatalog
{
    IReadOnlyCollection<DatasetSummary> All { get; }

    DatasetSummary? Find(string name);
}
