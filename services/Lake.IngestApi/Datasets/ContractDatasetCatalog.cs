using Lake.Contracts;

namespace Lake.IngestApi.Datasets;

/// <summary>The datasets of the contracts the service was started with (DESIGN §4): adding a dataset is adding a contract.</summary>
public sealed class ContractDatasetCatalog : IDatasetCatalog
{
    private readonly Dictionary<string, DatasetSummary> _datasets;

    public ContractDatasetCatalog(IReadOnlyDictionary<string, DatasetContract> contracts) =>
        _datasets = contracts.Values.ToDictionary(c => c.Dataset, Summarize, StringComparer.Ordinal);

    public IReadOnlyCollection<DatasetSummary> All => _datasets.Values;

    public DatasetSummary? Find(string name) => _datasets.GetValueOrDefault(name);

    private static DatasetSummary Summarize(DatasetContract contract) =>
        new(contract.Dataset, contract.Description.Trim(), contract.Limits.MaxBytes, contract.Header);
}
