using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Lake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.AppHost.Tests;

/// <summary>The ingest API's "Upload seed data" command, run as the dashboard runs it (Aspire's ResourceCommandService).</summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed partial class SeedCommandTests(AppHostLake lake)
{
    [Fact]
    public async Task UploadSeedDataSendsEverySeedFileToItsFinalStage()
    {
        var seedFiles = Directory.GetFiles(Path.Combine(RepoPaths.Root, "seed-data"), "*.csv", SearchOption.AllDirectories)
            .Count(f => !f.Contains($"{Path.DirectorySeparatorChar}generator{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var commands = lake.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("ingest-api", "upload-seed-data");

        Assert.True(result.Success, result.Message);
        var done = Done().Match(result.Message ?? "");
        Assert.True(done.Success, result.Message);
        Assert.Equal(seedFiles, int.Parse(done.Groups["uploaded"].Value, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(done.Groups["refused"].Value, System.Globalization.CultureInfo.InvariantCulture));

        // Independently: every object in the raw bucket (AWS CLI) is an upload the ingest API follows to a final stage.
        var keys = (await lake.Cli.RunRawAsync("s3api", "list-objects-v2", "--bucket", lake.Options.Buckets.Raw, "--query", "Contents[].Key", "--output", "text"))
            .Split((char[])['\t', '\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        Assert.True(keys.Length >= int.Parse(done.Groups["uploaded"].Value, System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", keys));
        using var ingest = new IngestApiClient(lake.Url("ingest-api"), lake.IngestApiKey);
        var stages = new List<string>();
        foreach (var key in keys)
        {
            var status = await ingest.WaitForStageAsync(Path.GetFileNameWithoutExtension(key), TimeSpan.FromMinutes(5), "Cataloged", "Rejected", "Failed");
            stages.Add(status.GetProperty("stage").GetString()!);
        }

        Assert.DoesNotContain("Failed", stages);
        Assert.True(stages.Count(s => s == "Cataloged") >= Directory.GetFiles(RepoPaths.OrdersSeed("valid"), "*.csv").Length, string.Join(", ", stages));
        Assert.Contains("Rejected", stages);
    }

    [GeneratedRegex(@"done: (?<uploaded>\d+) uploaded \(.*\), (?<refused>\d+) refused")]
    private static partial Regex Done();
}
