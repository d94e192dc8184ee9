using Lake.Contracts;
using Lake.Functions.Validate.FileChecks;

namespace Lake.Functions.Validate.Uploads;

/// <summary>The file-level part of each dataset contract: what the validate function checks before any row is read.</summary>
public sealed class ContractDatasetRules(IReadOnlyDictionary<string, DatasetContract> contracts) : IDatasetRules
{
    private readonly Dictionary<string, CsvFileRules> _rules = contracts.ToDictionary(c => c.Key, c => ToFileRules(c.Value), StringComparer.Ordinal);

    public CsvFileRules? Find(string dataset) => _rules.GetValueOrDefault(dataset);

    private static CsvFileRules ToFileRules(DatasetContract contract) => new(
        contract.Header,
        contract.Csv.Delimiter,
        contract.Csv.Quote,
        contract.Csv.Header,
        contract.Limits.MaxBytes,
        contract.Limits.MaxLineLength);
}
