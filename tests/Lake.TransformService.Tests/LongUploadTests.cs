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
    private const int VisibilityTimeoutSeconds = 3;

    // A second poller that would take the message the moment it became visible, and a slower conversion. No serving
    // table: its BatchWriteItem calls would keep moto so busy that a heartbeat comes late.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Lake__Queues__Transform__VisibilityTimeoutSeconds"] = $"{VisibilityTimeoutSeconds}",
        ["Transform__MaxConcurrentUploads"] = "2",
        ["Transform__Threads"] = "1",
        ["Lake__ContractsDirectory"] = TestContracts.WithoutServing(),
    };

    [Fact]
    public async Task ALongUploadKeepsItsMessageInvisibleUntilItIsDone()
    {
        var csv = Path.Combine(Lake.Files, "long.csv");
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 4_000_000, Files = 1, Months = 12, Seed = 5 });
        await using (var file = File.Create(csv))
        {
            generator.Write(generator.Files[0], file);
        }

        var id = await Lake.PutCleanAsync(csv);
        var started = $"Transforming orders/{id}.csv (message";
        await Lake.Service.WaitForOutputAsync(line => line.Contains(started, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var received = DateTime.UtcNow;

        // Sample the queue while the upload is worked on: without the heartbeat the message would turn visible again
        // (and the second poller would take it) once the timeout passed since the receive.
        var samples = new List<(double Seconds, int Visible, int InFlight)>();
        while ((await Lake.StatusAsync(id))?.Stage is null or < UploadStage.Transformed)
        {
            var (visible, inFlight) = await Lake.QueueDepthAsync();
            if ((await Lake.StatusAsync(id))?.Stage is null or < UploadStage.Transformed)
            {
                samples.Add(((DateTime.UtcNow - received).TotalSeconds, visible, inFlight));
            }

            Assert.True(DateTime.UtcNow - received < TimeSpan.FromMinutes(5), "the upload was not transformed in 5 minutes");
            await Task.Delay(200);
        }

        Assert.All(samples, s => Assert.True(s is { Visible: 0, InFlight: 1 }, $"at {s.Seconds:F1} s: {s.Visible} visible, {s.InFlight} in flight"));
        var beyond = samples.Where(s => s.Seconds > 3 * VisibilityTimeoutSeconds).ToList();
        Assert.True(beyond.Count > 0,
            $"the conversion ended after {samples.LastOrDefault().Seconds:F1} s, before three visibility timeouts: the file is too small to exercise the heartbeat");
        await Lake.WaitForStageAsync(id, UploadStage.Cataloged, TimeSpan.FromMinutes(5));
        Assert.Single(Lake.Service.Output, l => l.Contains(started, StringComparison.Ordinal) && l.Contains("receive 1)", StringComparison.Ordinal));
        Assert.DoesNotContain(Lake.Service.Output, l => l.Contains(started, StringComparison.Ordinal) && !l.Contains("receive 1)", StringComparison.Ordinal));
        await Lake.WaitForEmptyQueueAsync(TimeSpan.FromSeconds(30));
    }
}
