using System.Globalization;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>
/// A failed try returns its message after <c>RetryDelaySeconds × receive count</c>, not at once and not after the
/// queue's visibility timeout; the retry then does the upload once. (A SIGTERM returns it at once:
/// <see cref="StopMidUploadTests"/>.)
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class RetryDelayTests(EmulatorFixture emulator) : TransformServiceTest(emulator, Settings)
{
    private const int RetryDelaySeconds = 20;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Transform__RetryDelaySeconds"] = $"{RetryDelaySeconds}",
    };

    [Fact]
    public async Task AFailedTryKeepsItsMessageHiddenForTheRetryDelayThenTheRetryCatalogsTheUploadOnce()
    {
        // The transform queue's visibility timeout (120 s) is far beyond the retry delay: a message that came back only
        // when it ran out would not be received again within the wait below (three quarters of it).
        var visibility = Lake.TestLake.Options.Queues.Transform.VisibilityTimeoutSeconds;
        Assert.True(visibility >= 5 * RetryDelaySeconds, $"visibility timeout {visibility} s");
        var database = Lake.TestLake.Options.GlueDatabase;
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-03.csv");
        var rows = CsvOracle.Read(csv).Count.ToString(CultureInfo.InvariantCulture);

        // No catalog database: the first try fails before it converts anything (Glue's EntityNotFoundException), a
        // failure a retry can get past.
        await Emulator.Cli.RunAsync("glue", "delete-database", "--name", database);
        var id = await Lake.PutCleanAsync(csv);
        var transforming = $"Transforming orders/{id}.csv (message";
        await Lake.Service.WaitForOutputAsync(
            line => line.Contains($"Transforming orders/{id}.csv failed on receive 1 of 3", StringComparison.Ordinal), TimeSpan.FromSeconds(90));

        // Hidden by the retry delay: not visible, not received again. With no delay the service would have taken it
        // again at once and failed on receives 2 and 3 (the database is still missing) and recorded the upload Failed.
        Assert.Equal((0, 1), await Lake.QueueDepthAsync());
        Assert.Single(Lake.Service.Output, line => line.Contains(transforming, StringComparison.Ordinal));
        Assert.True((await Lake.StatusAsync(id))?.Stage is null or < UploadStage.Transformed);

        await Emulator.Cli.RunAsync("glue", "create-database", "--database-input", $"Name={database}");

        // Back after the delay (20 s), well before the visibility timeout: the second receive catalogs it.
        var done = await Lake.WaitForStageAsync(id, UploadStage.Cataloged, TimeSpan.FromSeconds(visibility * 3 / 4));
        var receives = Lake.Service.Output.Where(line => line.Contains(transforming, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, receives.Count);
        Assert.Contains("receive 1)", receives[0], StringComparison.Ordinal);
        Assert.Contains("receive 2)", receives[1], StringComparison.Ordinal);
        Assert.Single(Lake.Service.Output, line => line.Contains($"Transforming orders/{id}.csv failed", StringComparison.Ordinal));
        Assert.Single(done.History, h => h.Stage == UploadStage.Transformed);
        Assert.Single(done.History, h => h.Stage == UploadStage.Cataloged);
        Assert.Equal((rows, rows), (done.Details["rowsIn"], done.Details["rowsValid"]));
        Assert.Equal(done.Details["partitionsCreated"], (await Lake.CatalogPartitionsAsync()).Count.ToString(CultureInfo.InvariantCulture));
        await Lake.WaitForEmptyQueueAsync(TimeSpan.FromSeconds(30));
    }
}
