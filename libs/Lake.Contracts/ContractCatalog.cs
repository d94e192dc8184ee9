using System.Collections;

namespace Lake.Contracts;

/// <summary>Every dataset contract of a directory, by dataset name: adding a dataset is adding a file.</summary>
public sealed class ContractCatalog : IReadOnlyDictionary<string, DatasetContract>
{
    private readonly Dictionary<string, DatasetContract> _contracts;

    public ContractCatalog(IEnumerable<DatasetContract> contracts)
    {
        _contracts = new Dictionary<string, DatasetContract>(StringComparer.Ordinal);
        foreach (var contract in contracts)
        {
            if (_contracts.TryGetValue(contract.Dataset, out var first))
            {
                throw new ContractException(contract.SourceName, contract.DatasetPosition,
                    $"dataset '{contract.Dataset}' is already declared in {first.SourceName}");
            }

            _contracts.Add(contract.Dataset, contract);
        }
    }

    /// <summary>The directory programs read contracts from when no setting names one: <c>contracts/</c> next to the binaries.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "contracts");

    /// <summary>Loads <paramref name="directory"/>, or <see cref="ShippedDirectory"/> when it is null or empty.</summary>
    /// <exception cref="ContractException">A contract is invalid, or two declare the same dataset.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist; the message names it.</exception>
    public static ContractCatalog Load(string? directory)
    {
        var path = string.IsNullOrEmpty(directory) ? ShippedDirectory : directory;
        return Directory.Exists(path)
            ? LoadDirectory(path)
            : throw new DirectoryNotFoundException($"The dataset contracts directory '{Path.GetFullPath(path)}' does not exist (setting Lake:ContractsDirectory).");
    }

    /// <summary>Loads every <c>*.yaml</c> file of <paramref name="directory"/> (not its subdirectories), in name order.</summary>
    /// <exception cref="ContractException">A contract is invalid, or two declare the same dataset.</exception>
    public static ContractCatalog LoadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal);
        return new ContractCatalog(files.Select(ContractLoader.LoadFile));
    }

    public DatasetContract this[string key] => _contracts[key];

    public IEnumerable<string> Keys => _contracts.Keys;

    public IEnumerable<DatasetContract> Values => _contracts.Values;

    public int Count => _contracts.Count;

    public bool ContainsKey(string key) => _contracts.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out DatasetContract value) =>
        _contracts.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, DatasetContract>> GetEnumerator() => _contracts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
