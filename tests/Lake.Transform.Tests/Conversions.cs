using Lake.Contracts;
using Lake.Testing;
using Lake.Transform.Conversion;

namespace Lake.Transform.Tests;

/// <summary>Runs conversions into a scratch directory of its own, as the service does for one upload; disposing deletes it.</summary>
internal sealed class Conversions : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public static DatasetContract Orders { get; } = ContractLoader.LoadFile(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));

    public Task<ConversionResult> RunAsync(string csv, params string[] previousKeyFiles) => RunAsync(Orders, csv, previousKeyFiles);

    public Task<ConversionResult> RunAsync(DatasetContract contract, string csv, params string[] previousKeyFiles) =>
        RunAsync(contract, csv, new DuckDbLimits("1GiB", 2), previousKeyFiles);

    public async Task<ConversionResult> RunAsync(DatasetContract contract, string csv, DuckDbLimits limits, params string[] previousKeyFiles)
    {
        var work = Path.Combine(_scratch.Path, $"work-{Guid.NewGuid():N}");
        return await new CsvConversion(limits).RunAsync(new ConversionRequest(contract, csv, work, "part-test", previousKeyFiles), CancellationToken.None);
    }

    /// <summary>Writes a file into the scratch directory.</summary>
    public string File(string name, string content) => _scratch.File(name, content);

    public string ScratchPath => _scratch.Path;

    public void Dispose() => _scratch.Dispose();

    /// <summary>(line, rule) for every rule each quarantined row broke, in line order.</summary>
    public static Task<List<(long Line, string Rule)>> QuarantinedRulesAsync(ConversionResult result) =>
        ParquetFiles.QuarantinedRulesAsync(result.QuarantineFile!);
}
