using Lake.Testing;
using Lake.Testing.Aspire;

namespace Lake.AppHost.Tests;

/// <summary>
/// The emulator's state across AppHost runs (the AppHost as a process, as a user runs it): what was uploaded is still
/// there after a stop and a start with the same state directory, and <c>--clean</c> starts empty.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class StateTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-state-").FullName;

    [Fact]
    public async Task AnUploadSurvivesARestartAndCleanWipesIt()
    {
        string id;
        await using (var first = await StartAsync())
        {
            using var ingest = new IngestApiClient(first.Url("ingestApi"), first.IngestApiKey);
            id = await ingest.UploadAsync("orders", "kept.csv", await File.ReadAllBytesAsync(RepoPaths.OrdersSeed("valid", "orders-2024-01.csv")));
            var status = await ingest.WaitForStageAsync(id, TimeSpan.FromMinutes(3), "Cataloged", "Rejected", "Failed");
            Assert.Equal("Cataloged", status.GetProperty("stage").GetString());
            Assert.Equal(0, await first.StopAsync());
        }

        // lake_moto.py keeps one file per service next to --state (moto-state.s3.pickle, ...).
        Assert.True(Directory.EnumerateFiles(_state, "moto-state.*.pickle").Any(), "the emulator saved its state as it stopped");

        await using (var second = await StartAsync())
        {
            using var ingest = new IngestApiClient(second.Url("ingestApi"), second.IngestApiKey);
            var status = await ingest.StatusAsync(id);
            Assert.Equal("Cataloged", status?.GetProperty("stage").GetString());
            Assert.Contains(id, await RawObjectsAsync(second), StringComparison.Ordinal);
            Assert.Equal(0, await second.StopAsync());
        }

        await using (var clean = await StartAsync("--clean"))
        {
            using var ingest = new IngestApiClient(clean.Url("ingestApi"), clean.IngestApiKey);
            Assert.Null(await ingest.StatusAsync(id));
            Assert.DoesNotContain(id, await RawObjectsAsync(clean), StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private async Task<AppHostProcess> StartAsync(params string[] arguments)
    {
        var host = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, .. arguments]);
        await host.WaitUntilRunningAsync();
        return host;
    }

    /// <summary>The raw bucket's keys, through the AWS CLI (an independent client).</summary>
    private static Task<string> RawObjectsAsync(AppHostProcess host) =>
        host.Cli.RunRawAsync("s3api", "list-objects-v2", "--bucket", new Lake.Configuration.LakeOptions().Buckets.Raw, "--query", "Contents[].Key", "--output", "text");
}
