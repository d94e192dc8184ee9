using System.Text.RegularExpressions;
using Lake.Testing;
using Lake.Testing.Browser;
using Lake.Uploads;
using Microsoft.Playwright;

namespace Lake.Console.Tests;

/// <summary>Every page in a real chromium, logged in as a user would be, over the console process, a real moto_server lake and a real query service.</summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Browser")]
public sealed class ConsolePageTests(ConsoleLake lake, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private IPage _page = null!;

    private UploadStatusStore Store => new(lake.Lake.Clients.DynamoDb, lake.Lake.Options.StatusTable);

    public async Task InitializeAsync()
    {
        // Pages poll every 2-5 s, and moto on a shared machine is not quick: expectations wait up to 20 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _page = await chromium.NewPageAsync(lake.Console.Url.ToString());
        // A script error or a content-security-policy violation is a failure of the page, whatever the test checks.
        _page.Console += (_, message) => { if (message.Type == "error") { _pageErrors.Add(message.Text); } };
        _page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        Assert.Empty(_pageErrors);
    }

    private Task LogInAsync(string path = "/") =>
        _page.GotoAsync($"/login?key={Uri.EscapeDataString(lake.Console.Key)}&ReturnUrl={Uri.EscapeDataString(path)}");

    [Fact]
    public async Task APageAskedForWithoutASessionLogsInThroughTheFormAndComesBack()
    {
        await _page.GotoAsync("/dlq");
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fdlq$"));

        await _page.FillAsync("#key", "not-the-key-but-long-enough");
        await _page.ClickAsync("#login");
        await Assertions.Expect(_page.Locator("#login-error")).ToHaveTextAsync("That is not one of the console's keys.");
        // The refused form's own 401 is the answer the test asked for, not a page error.
        _pageErrors.RemoveAll(e => e.Contains("status of 401", StringComparison.Ordinal));

        await _page.FillAsync("#key", lake.Console.Key);
        await _page.ClickAsync("#login");

        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/dlq$"));
        await Assertions.Expect(_page.Locator("section[data-queue='validate']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ThePipelineCountsStagesAndShowsTheQueryServiceHealthy()
    {
        await Store.RecordStageAsync(UploadId.New(), "orders", "bad.csv", UploadStage.Failed);
        var failed = (await Store.ListRecentAsync(1000)).Count(u => u.Stage == UploadStage.Failed);

        await LogInAsync("/");

        await Assertions.Expect(_page.Locator("#count-failed")).ToHaveTextAsync(failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(_page.Locator("#count-query")).ToHaveTextAsync("Healthy");
        await Assertions.Expect(_page.Locator("#dashboard a")).ToHaveAttributeAsync("href", ConsoleProcess.DashboardUrl.ToString());
    }

    [Fact]
    public async Task AnUploadOpensWithItsStagesRowsObjectsAndItsTraceInTheAspireDashboard()
    {
        var id = UploadId.New();
        await Store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Requested, new Dictionary<string, string> { ["traceId"] = "0af7651916cd43dd8448eb211c80319c" });
        await Store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Validated, new Dictionary<string, string> { ["cleanKey"] = $"orders/{id}.csv" });
        await Store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Transformed, new Dictionary<string, string> { ["rowsIn"] = "10", ["rowsValid"] = "9", ["rowsQuarantined"] = "1" });

        await LogInAsync("/uploads");
        await _page.Locator($"tr[data-upload='{id}'] a").ClickAsync();

        await Assertions.Expect(_page).ToHaveURLAsync(new Regex($"/uploads/{id}$"));
        await Assertions.Expect(_page.Locator(".stage")).ToHaveCountAsync(3);
        await Assertions.Expect(_page.Locator(".stage .badge")).ToHaveTextAsync(["Requested", "Validated", "Transformed"]);
        await Assertions.Expect(_page.Locator("#row-counts")).ToHaveTextAsync("rows in: 10 · valid: 9 · quarantined: 1");
        await Assertions.Expect(_page.Locator("#trace a")).ToHaveAttributeAsync("href", $"{ConsoleProcess.DashboardUrl}traces/detail/0af7651916cd43dd8448eb211c80319c");
        await Assertions.Expect(_page.Locator("#links")).ToContainTextAsync($"clean/orders/{id}.csv");
    }

    [Fact]
    public async Task AnAlertPublishedToTheTopicAppearsInTheInboxAsText()
    {
        await LogInAsync("/alerts");
        await Assertions.Expect(_page.Locator("#inbox")).ToContainTextAsync("Reading");
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{lake.Lake.Options.AlertsTopic}";
        var uploadId = UploadId.New().Value;

        await lake.Emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "Upload rejected: <b>bad</b>.csv",
            "--message", $"{{\"type\":\"upload.rejected\",\"uploadId\":\"{uploadId}\",\"dataset\":\"orders\"}}");

        var row = _page.Locator($"tr[data-type='upload.rejected']:has(a[href='/uploads/{uploadId}'])");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Upload rejected: <b>bad</b>.csv");
        Assert.Equal(0, await row.Locator("b").CountAsync());
    }

    [Fact]
    public async Task ADeadLetterIsRedrivenFromThePageWithItsAntiforgeryToken()
    {
        var o = lake.Lake.Options.Queues.Validate;
        await lake.FillAsync(o.Name);
        await lake.FillAsync(o.DeadLetterQueueName, "{\"Records\":[\"poison\"]}");

        await LogInAsync("/dlq");
        var section = _page.Locator("section[data-queue='validate']");
        await Assertions.Expect(section.Locator(".depth")).ToHaveTextAsync("1 dead letters");
        await Assertions.Expect(section.Locator("tbody tr")).ToContainTextAsync("{\"Records\":[\"poison\"]}");
        await section.Locator("button[data-redrive]").ClickAsync();

        await Assertions.Expect(section.Locator(".result")).ToHaveTextAsync("Moved 1 message(s) back to the work queue.");
        await Assertions.Expect(section.Locator(".depth")).ToHaveTextAsync("0 dead letters");
        var received = await lake.Emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", await lake.QueueUrlAsync(o.Name), "--wait-time-seconds", "2");
        Assert.Equal("{\"Records\":[\"poison\"]}", received!.Value.GetProperty("Messages")[0].GetProperty("Body").GetString());
        await lake.FillAsync(o.Name);
    }

    [Fact]
    public async Task AQueryRunsOnTheQueryServiceAndARefusalShowsInline()
    {
        await LogInAsync("/query");
        await Assertions.Expect(_page.Locator("#query-state")).ToContainTextAsync("Healthy");
        await Assertions.Expect(_page.Locator("#tables")).ToContainTextAsync("no tables in the catalog yet");

        await _page.FillAsync("#sql", "SELECT 42 AS answer, 'a<b>' AS markup");
        await _page.PressAsync("#sql", "Control+Enter");
        await Assertions.Expect(_page.Locator("#results tbody tr")).ToHaveCountAsync(1);
        Assert.Equal(["42", "a<b>"], await _page.Locator("#results tbody td").AllInnerTextsAsync());
        await Assertions.Expect(_page.Locator("#stats")).ToContainTextAsync("1 row");

        await _page.FillAsync("#sql", "COPY (SELECT 1) TO 'x.csv'");
        await _page.ClickAsync("#run");
        await Assertions.Expect(_page.Locator("#error")).ToContainTextAsync("Statement not allowed");
        await Assertions.Expect(_page.Locator("#results")).ToBeHiddenAsync();
        // The refusal's 400 is the answer the test asked for, not a page error.
        _pageErrors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoggingOutReturnsToTheLoginAndEndsTheSession()
    {
        await LogInAsync("/uploads");
        await Assertions.Expect(_page.Locator("#logout")).ToBeVisibleAsync();

        await _page.ClickAsync("#logout");

        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/login$"));
        var response = await _page.APIRequest.GetAsync("/api/uploads");
        Assert.Equal(401, response.Status);
        _pageErrors.RemoveAll(e => e.Contains("status of 401", StringComparison.Ordinal));
    }
}
