using Lake.Contracts;
using Lake.Functions.Validate.FileChecks;

namespace Lake.Functions.Validate.Uploads;

/// <summary>The file-level part of each dataset contract: what the validate function checks before any row is read.</summary>
public sealed class ContractDatasetRules(IReadOnlyDictionary<string, DatasetContract> contracts) : IDatasetRules
{
    public CsvFileRules? Find(string dataset) =>
        contracts.TryGetValue(dataset, out var contract) ? ToFileRules(contract) : null;

    public static CsvFileRules ToFileRules(DatasetContract contract) => new(
        contract.Header,
        contract.Csv.Delimiter,
        contract.Csv.Quote,
        contract.Csv.Header,
        contract.Limits.MaxBytes,
        contract.Limits.MaxLineLength);
}
