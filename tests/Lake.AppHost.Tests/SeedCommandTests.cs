using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Lake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.AppHost.Tests;

/// <summary>
/// The ingest API's "Upload seed data" command, run as the dashboard runs it (Aspire's ResourceCommandService): it
/// starts the <c>seed</c> resource, the <c>lake</c> CLI, which ends with exit code 0 once every file is final.
/// </summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed partial class SeedCommandTests(AppHostLake lake)
{
    [Fact]
    public async Task UploadSeedDataRunsTheSeedWhichSendsEverySeedFileToItsFinalStage()
    {
        var seedFiles = Directory.GetFiles(Path.Combine(RepoPaths.Root, "seed-data"), "*.csv", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}generator{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var commands = lake.App.Services.GetRequiredService<ResourceCommandService>();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        Assert.Equal(KnownResourceStates.NotStarted, (await lake.Notifications.WaitForResourceAsync("seed", _ => true, patience.Token)).Snapshot.State?.Text);

        var result = await commands.ExecuteCommandAsync("ingest-api", "upload-seed-data", patience.Token);

        Assert.True(result.Success, result.Message);
        await lake.Notifications.WaitForResourceAsync("seed", KnownResourceStates.Running, patience.Token);
        var ended = await lake.Notifications.WaitForResourceAsync("seed", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), patience.Token);
        Assert.Equal(0, ended.Snapshot.ExitCode);

        // The CLI's "<file>: uploaded as <id>" lines (its console log), one per seed file the ingest API accepts (the empty
        // one it refuses); independently, each id is an object in the raw bucket (AWS CLI) and final in the ingest API.
        var uploaded = await UploadedAsync(patience.Token);
        Assert.Equal(seedFiles.Where(f => new FileInfo(f).Length > 0).Select(Path.GetFileName).Order(), uploaded.Keys.Order());
        var keys = await lake.Cli.RunRawAsync("s3api", "list-objects-v2", "--bucket", lake.Options.Buckets.Raw, "--query", "Contents[].Key", "--output", "text");
        using var ingest = new IngestApiClient(lake.Url("ingest-api"), lake.IngestApiKey);
        var stages = new List<string>();
        foreach (var id in uploaded.Values)
        {
            Assert.Contains($"/{id}.csv", keys, StringComparison.Ordinal);
            var status = await ingest.WaitForStageAsync(id, TimeSpan.FromMinutes(5), "Cataloged", "Rejected", "Failed");
            stages.Add(status.GetProperty("stage").GetString()!);
        }

        Assert.DoesNotContain("Failed", stages);
        Assert.True(stages.Count(s => s == "Cataloged") >= Directory.GetFiles(RepoPaths.OrdersSeed("valid"), "*.csv").Length, string.Join(", ", stages));
        Assert.Contains("Rejected", stages);
    }

    private async Task<Dictionary<string, string>> UploadedAsync(CancellationToken cancellationToken)
    {
        var seed = lake.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "seed");
        var uploaded = new Dictionary<string, string>();
        await foreach (var batch in lake.App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(seed).WithCancellation(cancellationToken))
        {
            foreach (Match line in batch.SelectMany(l => Uploaded().Matches(l.Content)))
            {
                uploaded[line.Groups["file"].Value] = line.Groups["id"].Value;
            }

            if (batch.Any(l => l.Content.Contains(" file(s): ", StringComparison.Ordinal)))
            {
                return uploaded;
            }
        }

        return uploaded;
    }

    [GeneratedRegex(@"(?<file>[^\s]+\.csv): uploaded as (?<id>[0-9a-f]{32})")]
    private static partial Regex Uploaded();
}
