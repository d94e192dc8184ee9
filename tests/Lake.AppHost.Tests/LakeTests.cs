using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;

namespace Lake.AppHost.Tests;

/// <summary>The whole lake as `dotnet run --project AppHost -- --seed` brings it up.</summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class LakeTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private static readonly string[] Services = ["aws-emulator", "lambda-emulator", "validate", "ingest-api", "query", "transform", "dashboard"];

    [Fact]
    public async Task EveryResourceIsUpAndTheTableSaysWhereItListens()
    {
        Assert.Equal(("Project", "Finished"), (lake.Host.Row("provisioner").Type, lake.Host.Row("provisioner").State));
        Assert.All(Services, name => Assert.Equal("Running", lake.Host.Row(name).State));
        Assert.Equal("Function", lake.Host.Row("validate").Type);
        using var http = new HttpClient();
        foreach (var name in (string[])["lambda-emulator", "ingest-api", "query", "transform", "dashboard"])
        {
            using var health = await http.GetAsync(new Uri(lake.Host.Url(name), "/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var buckets = await lake.Host.Cli.RunRawAsync("s3api", "list-buckets");
        Assert.Contains(lake.Lake.Buckets.Quarantine, buckets);
    }

    [Fact]
    public async Task TheDashboardShowsEveryResourceThroughTheFeed()
    {
        using var http = new HttpClient();

        var resources = await http.GetFromJsonAsync<JsonElement>(new Uri(lake.Host.Url("dashboard"), "/api/resources"));

        var names = resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["aws-emulator", "provisioner", "lambda-emulator", "validate", "ingest-api", "query", "transform"], names);
    }

    [Fact]
    public async Task SeedFilesGoThroughTheIngestApiAndTheValidateFunctionSortsThem()
    {
        var done = await lake.SeedDoneAsync();

        Assert.Contains("11 uploaded (5 Cataloged, 6 Rejected), 1 refused", done);
        var rejected = await lake.Host.Cli.RunAsync("s3api", "list-objects-v2", "--bucket", lake.Lake.Buckets.Rejected);
        var reasons = rejected!.Value.GetProperty("Contents").EnumerateArray().Count(o => o.GetProperty("Key").GetString()!.EndsWith(".reason.json", StringComparison.Ordinal));
        Assert.Equal(6, reasons);
        var clean = await lake.Host.Cli.RunAsync("s3api", "list-objects-v2", "--bucket", lake.Lake.Buckets.Clean);
        Assert.True(clean!.Value.GetProperty("Contents").GetArrayLength() >= 5);
    }

    [Fact]
    public async Task OneUploadIsOneTraceFromTheIngestApiThroughValidateAndTransform()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var ingest = new IngestApiClient(lake.Host.Url("ingest-api"), lake.Host.IngestApiKey);
        var uploadId = await ingest.UploadAsync("orders", "traced.csv", FreshOrders(), $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await ingest.WaitForStageAsync(uploadId, TimeSpan.FromSeconds(90), "Cataloged");

        var deadline = Stopwatch.StartNew();
        while (!(Exported("ingest-api", "POST /v1/uploads") && Exported("validate") && Exported("transform", "BatchCreatePartition")) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
        }

        Assert.True(Exported("ingest-api", "POST /v1/uploads"), "the ingest API's request span carries the trace");
        Assert.True(Exported("validate"), "the validate function continued the trace from the object's metadata");
        Assert.True(Exported("transform", "BatchCreatePartition"), "the transform continued it through catalog registration");

        bool Exported(params string[] texts) => lake.Telemetry.Traces(texts).Any(body => OtlpRecorder.HasTrace(body, traceId));
    }

    [Fact]
    public async Task AKilledServiceIsRestartedWithBackoffAndAnswersAgainAtTheSameUrl()
    {
        await lake.SeedDoneAsync();
        var before = lake.Host.Output.Count;
        var pid = lake.Host.ChildRunning("Lake.IngestApi.dll");

        using (var victim = Process.GetProcessById(pid))
        {
            victim.Kill();
        }

        var restarting = await lake.Host.WaitForLineAsync(l => Is(l, "ingest-api", "Restarting") && lake.Host.Output.Skip(before).Contains(l), TimeSpan.FromSeconds(30));
        await lake.Host.WaitForLineAsync(l => Is(l, "ingest-api", "Running") && lake.Host.Output.Skip(before).Contains(l), TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(lake.Host.Url("ingest-api"), "/health"));

        Assert.Contains("exited with code 137; restarting in 1s (restart 1)", restarting);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotEqual(pid, lake.Host.ChildRunning("Lake.IngestApi.dll"));

        static bool Is(string line, string resource, string state) =>
            line.Contains($" {resource} ", StringComparison.Ordinal) && line.Contains($" {state} ", StringComparison.Ordinal);
    }

    /// <summary>Orders no other upload has (order ids are the table's primary key), on days of their own.</summary>
    private static byte[] FreshOrders()
    {
        var rows = Enumerable.Range(1, 3).Select(day => $"ORD-{Guid.NewGuid():N}"[..20] + $",2025-03-0{day},C-{day},Ada,Widget,2,3.50,EUR,7.00");
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ["order_id,order_date,customer_id,customer_name,product_name,quantity,unit_price,currency,total", .. rows]) + "\n");
    }
}
