using System.Text.RegularExpressions;
using Lake.Testing;
using Lake.Uploads;
using Xunit.Abstractions;

namespace Lake.Cli.Tests;

/// <summary><c>lake upload</c> as a user runs it, against the lake's real processes; outcomes checked in the status table directly.</summary>
[Collection(CliLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed partial class UploadTests(CliLake lake, ITestOutputHelper output)
{
    [Fact]
    public async Task AGlobOfFilesIsUploadedEachFollowedToItsFinalStageAndARejectedOneFailsTheRun()
    {
        var batch = CopySeeds("batch-mixed", RepoPaths.OrdersSeed("valid", "orders-2024-01.csv"), RepoPaths.OrdersSeed("invalid", "wrong-header-missing-column.csv"));

        var result = await lake.RunAsync("upload", $"{batch}/*.csv");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 1, LakeTool.Printed(result) + lake.ServiceOutput());
        var ids = UploadIds(result.Stdout);
        Assert.Equal(["orders-2024-01.csv", "wrong-header-missing-column.csv"], ids.Keys.Order());
        Assert.Contains("orders-2024-01.csv: sent", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("orders-2024-01.csv: Validated", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"orders-2024-01\.csv: Cataloged \(300 rows valid", result.Stdout);
        Assert.Contains("wrong-header-missing-column.csv: Rejected", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 file(s): 1 ok, 1 not", result.Stdout, StringComparison.Ordinal);

        // What the lake itself recorded, read from the status table rather than through the tool.
        Assert.Equal(UploadStage.Cataloged, (await lake.Status.GetAsync(UploadId.Parse(ids["orders-2024-01.csv"])))!.Stage);
        Assert.Equal(UploadStage.Rejected, (await lake.Status.GetAsync(UploadId.Parse(ids["wrong-header-missing-column.csv"])))!.Stage);
    }

    [Fact]
    public async Task WithExpectRejectionsARejectedAndARefusedFileCountAsDoneButTheTableStillSaysSo()
    {
        var batch = CopySeeds("batch-expected", RepoPaths.OrdersSeed("valid", "orders-2024-02.csv"),
            RepoPaths.OrdersSeed("invalid", "semicolon-delimiter.csv"), RepoPaths.OrdersSeed("invalid", "empty.csv"));

        var result = await lake.RunAsync("upload", $"{batch}/*.csv", "--dataset", "orders", "--expect-rejections");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result) + lake.ServiceOutput());
        Assert.Contains("3 file(s): 3 ok, 0 not", result.Stdout, StringComparison.Ordinal);
        var ids = UploadIds(result.Stdout);
        Assert.Equal(["orders-2024-02.csv", "semicolon-delimiter.csv"], ids.Keys.Order());
        Assert.Equal(UploadStage.Rejected, (await lake.Status.GetAsync(UploadId.Parse(ids["semicolon-delimiter.csv"])))!.Stage);
        Assert.Contains("Refused", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesThatAllReachTheCatalogEndTheRunWithExitCodeZero()
    {
        var file = CopySeeds("batch-valid", RepoPaths.OrdersSeed("valid", "orders-2024-03.csv"));

        var result = await lake.RunAsync("upload", Path.Combine(file, "orders-2024-03.csv"), "--dataset", "orders");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result) + lake.ServiceOutput());
        var id = Assert.Single(UploadIds(result.Stdout)).Value;
        Assert.Equal(UploadStage.Cataloged, (await lake.Status.GetAsync(UploadId.Parse(id)))!.Stage);
        Assert.Contains("1 file(s): 1 ok, 0 not", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileTheIngestApiRefusesIsReportedWithItsReasonAndFailsTheRun()
    {
        var batch = CopySeeds("batch-empty", RepoPaths.OrdersSeed("invalid", "empty.csv"));

        var result = await lake.RunAsync("upload", Path.Combine(batch, "empty.csv"), "--dataset", "orders");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 1, LakeTool.Printed(result));
        Assert.Contains("Refused", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("the ingest API answered 400", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFilesAndGlobsMatchingNothingAreNamedAndNothingIsUploaded()
    {
        var before = await lake.Status.ListRecentAsync(1000);

        var result = await lake.RunAsync("upload", "missing.csv", "nowhere/*.csv", "--dataset", "orders");

        output.WriteLine(LakeTool.Printed(result));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file: 'missing.csv'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nowhere/*.csv", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await lake.Status.ListRecentAsync(1000)).Count);
    }

    [Fact]
    public async Task AnUnknownDatasetIsRefusedListingTheLakesDatasets()
    {
        var batch = CopySeeds("batch-dataset", RepoPaths.OrdersSeed("valid", "orders-2024-04.csv"));

        var result = await lake.RunAsync("upload", Path.Combine(batch, "orders-2024-04.csv"), "--dataset", "ordrs");

        output.WriteLine(LakeTool.Printed(result));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the lake has no dataset 'ordrs': use one of: orders", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKeyIsReportedAsRefusedNamingWhereTheKeyCameFrom()
    {
        var batch = CopySeeds("batch-key", RepoPaths.OrdersSeed("valid", "orders-2024-04.csv"));

        var result = await LakeTool.RunAsync(lake.WorkingDirectory, new Dictionary<string, string> { ["LAKE_INGEST_KEY"] = "not-the-key" },
            "upload", Path.Combine(batch, "orders-2024-04.csv"));

        output.WriteLine(LakeTool.Printed(result));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refused the key from LAKE_INGEST_KEY", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The upload id each file got, from the tool's "name: uploaded as id" lines.</summary>
    private static Dictionary<string, string> UploadIds(string stdout) =>
        UploadedLine().Matches(stdout).ToDictionary(m => m.Groups["file"].Value, m => m.Groups["id"].Value);

    private string CopySeeds(string name, params string[] files)
    {
        var directory = Directory.CreateDirectory(Path.Combine(lake.WorkingDirectory, name)).FullName;
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        return name;
    }

    [GeneratedRegex(@"^(?<file>\S+): uploaded as (?<id>[0-9a-f]{32})\s*$", RegexOptions.Multiline)]
    private static partial Regex UploadedLine();
}
