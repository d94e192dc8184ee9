using System.Diagnostics;
using Lake.SeedGenerator;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>An upload that takes many visibility timeouts to convert is still handled once.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class LongUploadTests(EmulatorFixture emulator) : TransformServiceTest(emulator, Settings)
{
    private const int VisibilityTimeoutSeconds = 2;

    // A second poller that would take the message the moment it became visible, and a slower conversion. The orders
    // contract without its serving table: 600k items are 24k BatchWriteItem calls, which keep moto so busy that a
    // 2-second heartbeat comes late (this test is about the heartbeat; ServingTableTests covers the serving table).
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Lake__Queues__Transform__VisibilityTimeoutSeconds"] = $"{VisibilityTimeoutSeconds}",
        ["Transform__MaxConcurrentUploads"] = "2",
        ["Transform__Threads"] = "1",
        ["Lake__ContractsDirectory"] = ContractsWithoutServing(),
    };

    private static string ContractsWithoutServing()
    {
        var directory = Directory.CreateTempSubdirectory("lake-long-upload-contracts-").FullName;
        var orders = File.ReadAllText(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));
        File.WriteAllText(Path.Combine(directory, "orders.yaml"), System.Text.RegularExpressions.Regex.Replace(orders, @"\nserving:\n(  .*\n)+", "\n"));
        return directory;
    }
    [Fact]
    public async Task ALongUploadKeepsItsMessageInvisibleUntilItIsDone()
    {
        var csv = Path.Combine(Lake.Files, "long.csv");
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 600_000, Files = 1, Months = 12, Seed = 5 });
        await using (var file = File.Create(csv))
        {
            generator.Write(generator.Files[0], file);
        }

        var clock = Stopwatch.StartNew();
        var id = await Lake.PutCleanAsync(csv);
        await Lake.WaitForStageAsync(id, UploadStage.Cataloged, TimeSpan.FromMinutes(5));
        clock.Stop();

        // Only the heartbeat kept the message from the second poller: the work outlasted the timeout many times over.
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(3 * VisibilityTimeoutSeconds), $"the upload took {clock.Elapsed}, too short to need a heartbeat");
        var received = Lake.Service.Output.Where(l => l.Contains($"Transforming orders/{id}.csv (message", StringComparison.Ordinal)).ToList();
        Assert.Contains("receive 1)", Assert.Single(received));
        await Lake.WaitForEmptyQueueAsync(TimeSpan.FromSeconds(30));
    }


}
