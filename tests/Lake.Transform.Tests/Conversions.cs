using Lake.Contracts;
using Lake.Testing;
using Lake.Transform.Conversion;

namespace Lake.Transform.Tests;

/// <summary>Runs conversions into a scratch directory, as the service does for one upload.</summary>
internal sealed class Conversions(ScratchDirectory scratch)
{
    public static DatasetContract Orders { get; } = ContractLoader.LoadFile(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));

    public static string SeedFile(params string[] path) => Path.Combine([RepoPaths.Root, "seed-data", "orders", .. path]);

    public Task<ConversionResult> RunAsync(string csv, params string[] previousKeyFiles) => RunAsync(Orders, csv, previousKeyFiles);

    public Task<ConversionResult> RunAsync(DatasetContract contract, string csv, params string[] previousKeyFiles) =>
        RunAsync(contract, csv, new DuckDbLimits("1GiB", 2), previousKeyFiles);

    public async Task<ConversionResult> RunAsync(DatasetContract contract, string csv, DuckDbLimits limits, params string[] previousKeyFiles)
    {
        var work = Path.Combine(scratch.Path, $"work-{Guid.NewGuid():N}");
        return await new CsvConversion(limits).RunAsync(new ConversionRequest(contract, csv, work, "part-test", previousKeyFiles), CancellationToken.None);
    }

    /// <summary>(line, rule) for every rule each quarantined row broke, in line order.</summary>
    public static List<(long Line, string Rule)> QuarantinedRules(ConversionResult result) =>
        [.. ParquetFiles.Query($"SELECT line, unnest(rules) AS rule FROM read_parquet({ParquetFiles.Literal(result.QuarantineFile!)}) ORDER BY line")
            .Select(r => ((long)r["line"]!, (string)r["rule"]!))];
}
