using System.Globalization;
using Lake.Contracts;
using Lake.SeedGenerator;
using Lake.Transform.Conversion;

namespace Lake.Benchmarks;

/// <summary>
/// The benchmark's inputs, generated once and kept in the cache directory: the orders CSV both sides read, and the
/// key file of an earlier upload of the same dataset, which the transform checks every key against (as the service
/// does once a table has data).
/// </summary>
internal sealed record BenchmarkInputs(DatasetContract Contract, string Csv, long Bytes, string PreviousKeyFile)
{
    public static async Task<BenchmarkInputs> PrepareAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.CacheDirectory);
        var contract = ContractCatalog.Load(null)["orders"];
        var csv = Generate(options.CacheDirectory, $"orders-{options.Rows}-{options.ErrorRate.ToString(CultureInfo.InvariantCulture)}.csv",
            new OrderGeneratorOptions { Rows = options.Rows, Files = 1, Months = 12, ErrorRate = options.ErrorRate, Seed = 1 }, log);

        // An earlier upload: other orders (another year), whose keys the measured conversion must not collide with.
        var earlierCsv = Generate(options.CacheDirectory, "orders-earlier-100000.csv",
            new OrderGeneratorOptions { Rows = 100_000, Files = 1, Months = 12, Seed = 2, StartDate = new DateOnly(2023, 1, 1) }, log);
        var work = Path.Combine(options.CacheDirectory, "earlier-upload");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        var earlier = await new CsvConversion(options.Limits).RunAsync(new ConversionRequest(contract, earlierCsv, work, "part-earlier", []), cancellationToken);
        return new BenchmarkInputs(contract, csv, new FileInfo(csv).Length, earlier.KeyFile!);
    }

    private static string Generate(string directory, string name, OrderGeneratorOptions options, TextWriter log)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            log.WriteLine($"generating {path} ...");
            var generator = new OrderFileGenerator(options);
            var partial = $"{path}.partial";
            using (var file = File.Create(partial))
            {
                generator.Write(generator.Files[0], file);
            }

            File.Move(partial, path);
        }

        return path;
    }
}
