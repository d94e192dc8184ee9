using System.Diagnostics;
using Lake.SeedGenerator;

namespace Lake.Contracts.Tests;

[Trait("Category", "Unit")]
public class SeedGeneratorTests
{
    /// <summary>The options the committed valid files were made with (seed-data/README.md).</summary>
    private static readonly OrderGeneratorOptions CommittedValid = new() { Rows = 1200, Months = 4, Seed = 42, StartDate = new(2024, 1, 1) };

    [Fact]
    public void TheSameSeedGivesTheSameBytes()
    {
        var options = new OrderGeneratorOptions { Rows = 5000, Months = 2, ErrorRate = 0.05, Seed = 11 };

        Assert.Equal(Generate(options), Generate(options));
    }

    [Fact]
    public void ADifferentSeedGivesDifferentRows()
    {
        var first = Generate(new OrderGeneratorOptions { Rows = 500, Seed = 11 });
        var second = Generate(new OrderGeneratorOptions { Rows = 500, Seed = 12 });

        Assert.NotEqual(first, second);
        Assert.Equal(first[0].Split('\n')[0], second[0].Split('\n')[0]);
    }

    [Fact]
    public void TheShareOfBadRowsIsAboutTheErrorRate()
    {
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 20_000, ErrorRate = 0.1, Seed = 5 });
        using var output = new MemoryStream();

        var summary = generator.Write(generator.Files[0], output);
        var (_, rows) = OrdersOracle.Evaluate(output.ToArray());

        var bad = rows.Count(r => r.Broken.Count > 0);
        Assert.Equal(20_000, rows.Count);
        Assert.Equal(summary.BadRows, bad);
        Assert.InRange(bad / 20_000.0, 0.09, 0.11);
        Assert.All(rows.Where(r => r.Broken.Count > 0), r => Assert.Single(r.Broken));
    }

    [Fact]
    public void WithoutAnErrorRateEveryRowPassesTheContract()
    {
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 20_000, Months = 12, Files = 1, Seed = 6 });
        using var output = new MemoryStream();

        generator.Write(generator.Files[0], output);
        var (header, rows) = OrdersOracle.Evaluate(output.ToArray());

        Assert.Equal(OrdersOracle.Header, header);
        Assert.All(rows, r => Assert.Empty(r.Broken));
        Assert.Equal(12, rows.Select(r => r.Row["order_date"][..7]).Distinct().Count());
    }

    [Fact]
    public void FilesSplitTheMonthsAndTheRowsEvenly()
    {
        var monthly = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 10, Months = 3 });
        var split = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 10, Months = 1, Files = 3 });

        Assert.Equal(["orders-2024-01.csv", "orders-2024-02.csv", "orders-2024-03.csv"], monthly.Files.Select(f => f.FileName));
        Assert.Equal([4L, 3L, 3L], monthly.Files.Select(f => f.Rows));
        Assert.Equal([1L, 5L, 8L], monthly.Files.Select(f => f.FirstNumber));
        Assert.Equal(["orders-2024-01-01-0001.csv", "orders-2024-01-11-0002.csv", "orders-2024-01-21-0003.csv"], split.Files.Select(f => f.FileName));
        Assert.Equal(new DateOnly(2024, 2, 1), split.Files[^1].To);
    }

    [Fact]
    public void MinBytesGrowsTheFileJustPastTheSize()
    {
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Files = 1, MinBytes = 1 << 20, Seed = 3 });
        using var output = new MemoryStream();

        var summary = generator.Write(generator.Files[0], output);

        Assert.Equal(output.Length, summary.Bytes);
        Assert.InRange(output.Length, 1 << 20, (1 << 20) + 4096);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        Assert.Contains("ErrorRate", Assert.Throws<ArgumentException>(() => new OrderFileGenerator(new OrderGeneratorOptions { ErrorRate = 1.5 })).Message, StringComparison.Ordinal);
        Assert.Contains("MinBytes", Assert.Throws<ArgumentException>(() => new OrderFileGenerator(new OrderGeneratorOptions { Months = 2, MinBytes = 10 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommittedValidFilesAreTheGeneratorsOutput()
    {
        var directory = Directory.CreateTempSubdirectory("lake-seed-");
        try
        {
            new OrderFileGenerator(CommittedValid).WriteAll(directory.FullName);

            AssertSameFiles(directory.FullName, RepoFiles.ValidOrders, "*.csv");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheCommittedInvalidFilesAndManifestAreTheGeneratorsOutput()
    {
        var directory = Directory.CreateTempSubdirectory("lake-seed-");
        try
        {
            InvalidOrderFiles.WriteAll(directory.FullName);

            AssertSameFiles(directory.FullName, RepoFiles.InvalidOrders, "*.*", except: "README.md");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheCommandLineWritesWhatTheClassWrites()
    {
        var directory = Directory.CreateTempSubdirectory("lake-seed-");
        try
        {
            var tool = Path.Combine(AppContext.BaseDirectory, "Lake.SeedGenerator.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { tool, "--rows", "300", "--months", "2", "--seed", "9", "--error-rate", "0.2", "--start-date", "2023-11-01", "--out", directory.FullName })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, errors);
            Assert.Contains("orders-2023-12.csv: 150 rows", errors, StringComparison.Ordinal);
            var expected = Generate(new OrderGeneratorOptions { Rows = 300, Months = 2, Seed = 9, ErrorRate = 0.2, StartDate = new(2023, 11, 1) });
            Assert.Equal(expected, new[] { "orders-2023-11.csv", "orders-2023-12.csv" }.Select(f => File.ReadAllText(Path.Combine(directory.FullName, f))));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string[] Generate(OrderGeneratorOptions options)
    {
        var generator = new OrderFileGenerator(options);
        return [.. generator.Files.Select(file =>
        {
            using var output = new MemoryStream();
            generator.Write(file, output);
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        })];
    }

    private static void AssertSameFiles(string generated, string committed, string pattern, string? except = null)
    {
        static string[] Names(string dir, string pattern, string? except) =>
            [.. Directory.GetFiles(dir, pattern).Select(Path.GetFileName).OfType<string>().Where(n => n != except).Order(StringComparer.Ordinal)];

        Assert.Equal(Names(generated, pattern, except), Names(committed, pattern, except));
        foreach (var name in Names(generated, pattern, except))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(generated, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(committed, name))),
                $"{name} differs from the generator's output: regenerate the seed files (seed-data/README.md)");
        }
    }
}
