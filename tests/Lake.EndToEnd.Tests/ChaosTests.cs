using Lake.Testing.Aspire;
using Lake.Testing.Aspire.Chaos;
using Xunit.Abstractions;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The chaos run at CI size: 60 uploads (valid, mixed, invalid) through the ingest API while the transform, the
/// Lambda emulator with its function processes, the ingest API and the AWS emulator are each SIGKILLed once at a
/// random moment and brought back by the AppHost's restart policy. Then every upload is final with the outcome its
/// file calls for, the curated table holds exactly the valid rows (none lost, none twice), every rejection has its
/// reason.json, and no dead letter lacks its alert. The full run is <c>bench/Lake.Benchmarks -- chaos</c>.
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Chaos")]
[Trait("Category", "Slow")]
public sealed class ChaosTests(ChaosLake lake, ITestOutputHelper output)
{
    [Fact]
    public async Task SixtyUploadsThroughFourKillsLoseNothingAndDoubleNothing()
    {
        var seed = Environment.GetEnvironmentVariable("LAKE_CHAOS_SEED") is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next(1, 100000);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(13));

        var report = await new ChaosRun(lake, uploads: 60, kills: 4, seed, Log).RunAsync(limit.Token);

        output.WriteLine(report.ToString());
        Assert.Equal(4, report.Kills.Count);
        Assert.Equal(924, report.RowsExpected); // 36 valid files × 20 rows + 12 mixed × 17
        Assert.True(report.Clean, report.ToString());
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
        }
        catch (InvalidOperationException)
        {
            // the test has ended
        }
    }
}

/// <summary>A lake of its own (it gets killed), run alone: not next to the other lakes of this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection : ICollectionFixture<ChaosLake>
{
    public const string Name = "chaos";
}

public sealed class ChaosLake : AspireLake;
