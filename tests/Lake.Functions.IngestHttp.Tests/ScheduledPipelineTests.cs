using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Configuration;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Functions.IngestHttp.Tests;

/// <summary>
/// The whole local path as processes: the scheduler service invokes ingest-http in the Lambda emulator (beside
/// validate on its queue), which pulls from shop-api into the raw zone; validate then takes the file as an upload.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ScheduledPipelineTests(EmulatorFixture emulator, ShopApiFixture shop) : IAsyncLifetime
{
    private const string Key = "scheduler-test-key";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private TestLake _lake = null!;
    private ServiceProcess _lambda = null!;
    private ServiceProcess _scheduler = null!;

    public async Task InitializeAsync()
    {
        _lake = new TestLake(emulator);
        await _lake.Provisioner.ProvisionAsync();
        _lambda = await StartLambdaAsync();
        var scheduler = new Dictionary<string, string>(emulator.AwsEnvironment)
        {
            ["Scheduler__LambdaEndpoint"] = _lambda.BaseAddress.ToString(),
            ["Scheduler__ApiKeys__0"] = Key,
            ["Scheduler__Paused"] = "true",
        };
        foreach (var (name, value) in LakeEnvironment.Of(_lake.Options))
        {
            scheduler[name] = value;
        }

        _scheduler = await ServiceProcess.StartAsync("services/Lake.Scheduler", scheduler);
    }

    public async Task DisposeAsync()
    {
        await _scheduler.DisposeAsync();
        await _lambda.DisposeAsync();
        _lake.Dispose();
    }

    [Fact]
    public async Task TheSchedulerListsTheOrdersScheduleWithItsNextRun()
    {
        var before = DateTimeOffset.UtcNow;

        var schedules = await Http.GetFromJsonAsync<JsonElement>(new Uri(_scheduler.BaseAddress, "/v1/schedules"));

        var orders = Assert.Single(schedules.EnumerateArray());
        Assert.Equal(("orders", "rate(5 minutes)"), (orders.GetProperty("dataset").GetString(), orders.GetProperty("expression").GetString()));
        var next = await WaitForNextRunAsync();
        Assert.True(next > before.AddSeconds(-1) && next <= before.AddMinutes(5).AddSeconds(1), $"next run {next:O}");
        Assert.Equal(0, next.Minute % 5);
        Assert.Equal(0, next.Second);
    }

    [Fact]
    public async Task RunNowNeedsAKey()
    {
        using var response = await Http.PostAsync(new Uri(_scheduler.BaseAddress, "/v1/schedules/orders/runs"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RunNowIngestsTheLastFiveMinutesOfShopOrdersWhichValidateTakesAsAnUpload()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_scheduler.BaseAddress, "/v1/schedules/orders/runs"));
        request.Headers.Add("x-api-key", Key);
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ingested", run.GetProperty("outcome").GetString());
        var detail = JsonDocument.Parse(run.GetProperty("detail").GetString()!).RootElement;
        Assert.Equal(10, detail.GetProperty("records").GetInt32());
        var uploadId = UploadId.Parse(detail.GetProperty("uploadId").GetString()!);
        var status = new UploadStatusStore(_lake.Clients.DynamoDb, _lake.Options.StatusTable);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        UploadStatus? current;
        while ((current = await status.GetAsync(uploadId)) is not { Stage: UploadStage.Validated } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Equal(UploadStage.Validated, current?.Stage);
        Assert.Equal(detail.GetProperty("rawKey").GetString(), current!.Details["rawKey"]);
        Assert.NotNull(await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Clean, $"orders/{uploadId}.csv"));
    }

    private async Task<DateTimeOffset> WaitForNextRunAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var schedules = await Http.GetFromJsonAsync<JsonElement>(new Uri(_scheduler.BaseAddress, "/v1/schedules"));
            if (schedules[0].GetProperty("nextRun") is { ValueKind: JsonValueKind.String } next)
            {
                return DateTimeOffset.Parse(next.GetString()!, CultureInfo.InvariantCulture);
            }

            Assert.True(DateTime.UtcNow < deadline, "the scheduler never published a next run");
            await Task.Delay(200);
        }
    }

    /// <summary>The Lambda emulator running ingest-http (pointed at shop-api) and validate (on the validate queue).</summary>
    private async Task<ServiceProcess> StartLambdaAsync()
    {
        const string ingest = "LambdaEmulator__Functions__ingest-http__";
        const string validate = "LambdaEmulator__Functions__validate__";
        var environment = new Dictionary<string, string>(emulator.AwsEnvironment)
        {
            [ingest + "Command"] = "dotnet",
            [ingest + "Arguments__0"] = RepoPaths.BuiltAssembly("functions/Lake.Functions.IngestHttp"),
            [ingest + "TimeoutSeconds"] = "120",
            [ingest + "Environment__Lake__Sources__orders__Url"] = new Uri(shop.BaseAddress, "/v1/orders?since={window.start}&until={window.end}&page_size=4").ToString(),
            [validate + "Command"] = "dotnet",
            [validate + "Arguments__0"] = RepoPaths.BuiltAssembly("functions/Lake.Functions.Validate"),
            [validate + "TimeoutSeconds"] = "60",
            [validate + "EventSourceMappings__0__QueueName"] = _lake.Options.Queues.Validate.Name,
            [validate + "EventSourceMappings__0__BatchSize"] = "10",
            [validate + "EventSourceMappings__0__MaximumBatchingWindowInSeconds"] = "1",
            [validate + "EventSourceMappings__0__FunctionResponseTypes__0"] = "ReportBatchItemFailures",
        };
        foreach (var (name, value) in LakeEnvironment.Of(_lake.Options))
        {
            environment[ingest + "Environment__" + name] = value;
            environment[validate + "Environment__" + name] = value;
        }

        var process = await ServiceProcess.StartAsync("services/Lake.LambdaEmulator", environment);
        try
        {
            await process.WaitForOutputAsync(line => line.Contains("ingest-http function ready", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            await process.WaitForOutputAsync(line => line.Contains("validate function ready", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
