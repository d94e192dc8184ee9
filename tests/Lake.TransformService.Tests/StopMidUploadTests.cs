using Lake.SeedGenerator;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>SIGTERM while an upload is being converted: nothing half-written, the message back at once, the upload done once on restart.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class StopMidUploadTests(EmulatorFixture emulator) : TransformServiceTest(emulator, Settings)
{
    private const int Rows = 600_000;

    // One thread: the conversion lasts long enough to be stopped in the middle. No serving table: 600k items would
    // take minutes of BatchWriteItem calls on a loaded machine, and this test is about the stop. An hour's retry delay
    // (and the queue's 300 s visibility timeout): a message seen visible right after the stop was returned at once,
    // by the stop, not by a failure's delay or the timeout running out.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Transform__RetryDelaySeconds"] = "3600",
        ["Transform__Threads"] = "1",
        ["Lake__ContractsDirectory"] = TestContracts.WithoutServing(),
    };

    [Fact]
    public async Task SigtermMidUploadWritesNothingReturnsTheMessageAndTheRestartDoesTheUploadOnce()
    {
        var csv = Path.Combine(Lake.Files, "stopped.csv");
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Rows = Rows, Files = 1, Months = 3, Seed = 11, ErrorRate = 0 });
        await using (var file = File.Create(csv))
        {
            generator.Write(generator.Files[0], file);
        }

        var id = await Lake.PutCleanAsync(csv);
        await Lake.Service.WaitForOutputAsync(line => line.Contains($"Transforming orders/{id}.csv (message", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Equal(0, await Lake.StopServiceAsync());

        Assert.Contains(Lake.Service.Output, line => line.Contains("goes back to the queue", StringComparison.Ordinal));
        Assert.Equal(UploadStage.Validated, (await Lake.StatusAsync(id))?.Stage ?? UploadStage.Validated);
        Assert.Empty(await Lake.ListAsync(Lake.TestLake.Options.Buckets.Curated, "orders/"));
        Assert.Empty(await Lake.ListAsync(Lake.TestLake.Options.Buckets.Quarantine, "orders/"));
        Assert.Empty(Directory.Exists(Lake.WorkDirectories) ? Directory.EnumerateFileSystemEntries(Lake.WorkDirectories) : []);
        Assert.Equal((1, 0), await Lake.QueueDepthAsync());

        await Lake.StartServiceAsync();
        var done = await Lake.WaitForStageAsync(id, UploadStage.Cataloged, TimeSpan.FromMinutes(5));

        Assert.Contains(Lake.Service.Output, line => line.Contains($"Transforming orders/{id}.csv (message", StringComparison.Ordinal) && line.Contains("receive 2)", StringComparison.Ordinal));
        Assert.Equal($"{Rows}", done.History.Last(h => h.Stage == UploadStage.Transformed).Details["rowsValid"]);
        await Lake.WaitForEmptyQueueAsync(TimeSpan.FromSeconds(30));
    }
}
