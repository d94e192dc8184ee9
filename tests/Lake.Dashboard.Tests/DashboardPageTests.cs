using System.Text.RegularExpressions;
using Lake.Dashboard.Resources;
using Lake.Testing;
using Lake.Testing.Browser;
using Lake.Uploads;
using Microsoft.Playwright;

namespace Lake.Dashboard.Tests;

/// <summary>The pages in a real chromium, over a real moto_server lake, with a test double standing in for the AppHost.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Browser")]
public sealed class DashboardPageTests(EmulatorFixture emulator, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private DashboardHost _host = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        // Pages poll every 1-3 s, and moto on a shared machine is not quick: expectations wait up to 20 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _host = await DashboardHost.StartAsync(emulator);
        _page = await chromium.NewPageAsync(_host.Url.ToString());
        // A script error or a content-security-policy violation is a failure of the page, whatever the test checks.
        _page.Console += (_, message) => { if (message.Type == "error") { _pageErrors.Add(message.Text); } };
        _page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await _host.DisposeAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task ResourcesAreListedWithTheirHealthAndThePipelineCountsStages()
    {
        _host.Feed.Set([.. FakeResourceFeed.TheLake().SkipLast(1), FakeResourceFeed.Resource("query", ResourceState.Running, ResourceHealth.Unhealthy)]);
        var store = new UploadStatusStore(_host.Lake.Clients.DynamoDb, _host.Lake.Options.StatusTable);
        await store.RecordStageAsync(UploadId.New(), "orders", "bad.csv", UploadStage.Rejected);

        await _page.GotoAsync("/");

        var rows = _page.Locator("#resources tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(7);
        await Assertions.Expect(_page.Locator("tr[data-resource='validate'] .health")).ToHaveTextAsync("Healthy");
        await Assertions.Expect(_page.Locator("tr[data-resource='query'] .health")).ToHaveTextAsync("Unhealthy");
        await Assertions.Expect(_page.Locator("tr[data-resource='provisioner'] .state")).ToHaveTextAsync("Finished");
        await Assertions.Expect(_page.Locator("#count-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(_page.Locator("#count-query")).ToHaveTextAsync("Running");
    }

    [Fact]
    public async Task ALogLineIsFilteredAndShownAsTextNotMarkup()
    {
        _host.Feed.Write("validate", "info: upload 1 validated");
        _host.Feed.Write("validate", "fail: upload 2 <img src=x onerror=alert(1)> rejected", isError: true);
        _host.Feed.Write("transform", "info: partition written");

        await _page.GotoAsync("/logs");
        await Assertions.Expect(_page.Locator("#console .line")).ToHaveCountAsync(3);
        await _page.FillAsync("#filter", "REJECTED");

        var lines = _page.Locator("#console .line");
        await Assertions.Expect(lines).ToHaveCountAsync(1);
        await Assertions.Expect(lines.First).ToContainTextAsync("fail: upload 2 <img src=x onerror=alert(1)> rejected");
        await Assertions.Expect(lines.First).ToHaveClassAsync(new Regex("error"));
        Assert.Equal(0, await _page.Locator("#console img").CountAsync());

        _host.Feed.Write("validate", "fail: upload 3 rejected");
        await Assertions.Expect(lines).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task ATraceOpensAsAWaterfallWithTheChildUnderItsParent()
    {
        var traceId = OtlpReceiverTests.ExportParentAndChild(_host.Url, "ingest-api", "Lake.Tests.Pages");

        await _page.GotoAsync("/traces");
        await _page.Locator($"tr[data-trace='{traceId}'] a").ClickAsync();

        await Assertions.Expect(_page).ToHaveURLAsync(new Regex($"/traces/{traceId}$"));
        var rows = _page.Locator(".waterfall .row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("POST /v1/uploads");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("s3.PutObject");
        Assert.Equal(await rows.Nth(0).GetAttributeAsync("data-span"), await rows.Nth(1).GetAttributeAsync("data-parent"));
        Assert.Equal("1", await rows.Nth(1).GetAttributeAsync("data-depth"));

        await rows.Nth(1).ClickAsync();
        await Assertions.Expect(_page.Locator("#span-details")).ToContainTextAsync("lake-raw");
        await Assertions.Expect(_page.Locator("#span-details")).ToContainTextAsync("AccessDenied");
    }

    [Fact]
    public async Task AnUploadOpensWithItsStagesRowsAndTrace()
    {
        var store = new UploadStatusStore(_host.Lake.Clients.DynamoDb, _host.Lake.Options.StatusTable);
        var id = UploadId.New();
        await store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Requested, new Dictionary<string, string> { ["traceId"] = "0af7651916cd43dd8448eb211c80319c" });
        await store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Validated, new Dictionary<string, string> { ["cleanKey"] = $"orders/{id}.csv" });
        await store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Transformed, new Dictionary<string, string> { ["rowsIn"] = "10", ["rowsValid"] = "9", ["rowsQuarantined"] = "1" });

        await _page.GotoAsync("/uploads");
        await _page.Locator($"tr[data-upload='{id}'] a").ClickAsync();

        await Assertions.Expect(_page.Locator(".stage")).ToHaveCountAsync(3);
        await Assertions.Expect(_page.Locator(".stage .badge")).ToHaveTextAsync(["Requested", "Validated", "Transformed"]);
        await Assertions.Expect(_page.Locator("#row-counts")).ToHaveTextAsync("rows in: 10 · valid: 9 · quarantined: 1");
        await Assertions.Expect(_page.Locator("#links a").First).ToHaveAttributeAsync("href", "/traces/0af7651916cd43dd8448eb211c80319c");
        await Assertions.Expect(_page.Locator("#links")).ToContainTextAsync($"clean/orders/{id}.csv");
    }

    [Fact]
    public async Task AnAlertPublishedToTheTopicAppearsInTheInbox()
    {
        await _page.GotoAsync("/alerts");
        await Assertions.Expect(_page.Locator("#inbox")).ToContainTextAsync("Reading");
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{_host.Lake.Options.AlertsTopic}";

        await emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "Upload rejected: <b>bad</b>.csv",
            "--message", "{\"type\":\"upload.rejected\",\"uploadId\":\"0123456789abcdef0123456789abcdef\",\"dataset\":\"orders\"}");

        var row = _page.Locator("tr[data-type='upload.rejected']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Upload rejected: <b>bad</b>.csv");
        await Assertions.Expect(row.Locator("a")).ToHaveAttributeAsync("href", "/uploads/0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public async Task ADeadLetterIsRedrivenToItsWorkQueue()
    {
        var o = _host.Lake.Options.Queues.Validate;
        var dlq = (await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", o.DeadLetterQueueName))!.Value.GetProperty("QueueUrl").GetString()!;
        var work = (await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", o.Name))!.Value.GetProperty("QueueUrl").GetString()!;
        await emulator.Cli.RunAsync("sqs", "purge-queue", "--queue-url", work);
        await emulator.Cli.RunAsync("sqs", "send-message", "--queue-url", dlq, "--message-body", "{\"Records\":[\"poison\"]}");

        await _page.GotoAsync("/dlq");
        var section = _page.Locator("section[data-queue='validate']");
        await Assertions.Expect(section.Locator(".depth")).ToHaveTextAsync("1 dead letters");
        await Assertions.Expect(section.Locator("tbody tr")).ToContainTextAsync("{\"Records\":[\"poison\"]}");
        await section.Locator("button[data-redrive]").ClickAsync();

        await Assertions.Expect(section.Locator(".result")).ToHaveTextAsync("Moved 1 message(s) back to the work queue.");
        await Assertions.Expect(section.Locator(".depth")).ToHaveTextAsync("0 dead letters");
        var received = await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", work, "--wait-time-seconds", "2");
        Assert.Equal("{\"Records\":[\"poison\"]}", received!.Value.GetProperty("Messages")[0].GetProperty("Body").GetString());
    }

    [Fact]
    public async Task TheQueryConsoleSaysWhenTheQueryServiceIsNotRunningAndEmbedsItWhenItIs()
    {
        _host.Feed.Set(FakeResourceFeed.TheLake().SkipLast(1).ToArray());

        await _page.GotoAsync("/query");
        await Assertions.Expect(_page.Locator("#query-not-running")).ToContainTextAsync("not running");

        // The console is the query service's own page; here a running resource points at the dashboard's health page.
        _host.Feed.Set(FakeResourceFeed.Resource("query", ResourceState.Running, http: new Uri(_host.Url, "alive")));
        var frame = _page.Locator("iframe.query-frame");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", new Uri(_host.Url, "alive").ToString());
        await Assertions.Expect(_page.FrameLocator("iframe.query-frame").Locator("body")).ToHaveTextAsync("Healthy");
    }
}
