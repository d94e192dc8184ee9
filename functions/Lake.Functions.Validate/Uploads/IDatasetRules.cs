using Lake.Functions.Validate.FileChecks;

namespace Lake.Functions.Validate.Uploads;

/// <summary>The file-level rules of each dataset, from its contract.</summary>
public interface IDatasetRules
{
    /// <summary>The rules of <paramref name="dataset"/>, or null when no contract declares it.</summary>
    CsvFileRules? Find(string dataset);
}
