using System.Globalization;
using Lake.Testing;
using Lake.Transform.Tests;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>Uploads of one dataset converted side by side still keep the primary key unique across the table.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ConcurrentUploadTests(EmulatorFixture emulator)
    : TransformServiceTest(emulator, new Dictionary<string, string> { ["Transform__MaxConcurrentUploads"] = Uploads.ToString(CultureInfo.InvariantCulture) })
{
    private const int Uploads = 6;
    private const int Shared = 40;
    private const int Own = 30;

    [Fact]
    public async Task ManyUploadsWithTheSameKeysAtOnceEachKeyIsCuratedOnceAndTheOthersRowsAreQuarantinedAsTaken()
    {
        // Every file: the same Shared orders, then Own orders of its own.
        var lines = await File.ReadAllLinesAsync(RepoPaths.OrdersSeed("valid", "orders-2024-01.csv"));
        var files = Enumerable.Range(0, Uploads).Select(i => Seed.Write(Lake.Files, $"orders-{i}.csv",
            [lines[0], .. lines[1..(Shared + 1)], .. lines.Skip(Shared + 1 + (i * Own)).Take(Own)])).ToList();

        var ids = await Task.WhenAll(files.Select(f => Lake.PutCleanAsync(f)));
        var statuses = await Task.WhenAll(ids.Select(id => Lake.WaitForStageAsync(id, UploadStage.Cataloged, TimeSpan.FromMinutes(3))));

        // Exactly one upload kept the shared keys; every other kept only its own rows and quarantined the shared ones.
        var kept = statuses.Select(s => (Valid: Number(s.Details["rowsValid"]), Quarantined: Number(s.Details["rowsQuarantined"]))).ToList();
        Assert.Single(kept, k => k == (Shared + Own, 0));
        Assert.Equal(Uploads - 1, kept.Count(k => k == (Own, Shared)));

        var directory = Path.Combine(Lake.Files, "curated");
        await Lake.DownloadAsync(Curated, "orders/", directory);
        var orderIds = (await ParquetFiles.ReadPartitionedAsync(Path.Combine(directory, "orders"))).Select(r => (string)r["order_id"]!).ToList();
        Assert.Equal(Shared + (Uploads * Own), orderIds.Count);
        Assert.Equal(orderIds.Count, orderIds.Distinct(StringComparer.Ordinal).Count());

        // The losers' shared rows carry the rule, as a key taken by an earlier upload always has.
        foreach (var (id, _) in ids.Zip(kept).Where(x => x.Second.Quarantined > 0))
        {
            await Lake.DownloadAsync(Lake.TestLake.Options.Buckets.Quarantine, $"orders/{id}.parquet", Lake.Files);
            var rules = await ParquetFiles.QuarantinedRulesAsync(Path.Combine(Lake.Files, "orders", $"{id}.parquet"));
            Assert.Equal(Enumerable.Range(2, Shared).Select(line => ((long)line, "IsPrimaryKey \"order_id\"")), rules);
        }
    }

    private static int Number(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
