using System.Text.RegularExpressions;
using Lake.Testing.Browser;
using Microsoft.Playwright;

namespace Lake.EndToEnd.Tests;

/// <summary>The running lake's dashboard in a real browser, as a user looks at it after loading the seed files.</summary>
[Collection(RunningLakeCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class DashboardPageTests(RunningLake lake, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await chromium.NewPageAsync(lake.Dashboard.ToString());

    public Task DisposeAsync() => _page.Context.CloseAsync();

    [Fact]
    public async Task EveryResourceIsListedRunningAndHealthy()
    {
        await _page.GotoAsync("/");

        foreach (var name in (string[])["aws-emulator", "lambda-emulator", "validate", "ingest-api", "query", "transform"])
        {
            await Assertions.Expect(_page.Locator($"tr[data-resource='{name}'] .state")).ToHaveTextAsync("Running");
            await Assertions.Expect(_page.Locator($"tr[data-resource='{name}'] .health")).ToHaveTextAsync("Healthy");
        }

        await Assertions.Expect(_page.Locator("tr[data-resource='provisioner'] .state")).ToHaveTextAsync("Finished");
    }

    [Fact]
    public async Task AQueryRunsFromTheConsoleAndShowsItsRows()
    {
        await lake.SeedAsync();
        await _page.GotoAsync("/query");
        var console = _page.FrameLocator("iframe.query-frame");

        await console.Locator("#sql").FillAsync($"SELECT currency, count(*) AS orders FROM {lake.Options.GlueDatabase}.orders GROUP BY currency ORDER BY currency");
        await console.Locator("#sql").PressAsync("Control+Enter");

        await Assertions.Expect(console.Locator("#results tbody tr")).ToHaveCountAsync(OrdersOracle.FromSeed().ByCurrency().Count);
        await Assertions.Expect(console.Locator("#results tbody tr").First.Locator("td").First).ToHaveTextAsync(OrdersOracle.FromSeed().ByCurrency().Keys.First());
    }

    [Fact]
    public async Task TheTracedUploadOpensAsOneWaterfallAcrossIngestValidateAndTransform()
    {
        var seed = await lake.SeedAsync();
        await _page.GotoAsync("/traces");

        await _page.Locator($"tr[data-trace='{seed.TraceId}'] a").ClickAsync();

        await Assertions.Expect(_page).ToHaveURLAsync(new Regex($"/traces/{seed.TraceId}$"));
        var services = _page.Locator(".waterfall .row .service");
        foreach (var service in (string[])["ingest-api", "validate", "transform"])
        {
            await Assertions.Expect(services.Filter(new() { HasTextRegex = new Regex($"^{service}$") }).First).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task EveryRejectedUploadHasItsAlertInTheInbox()
    {
        var seed = await lake.SeedAsync();
        await _page.GotoAsync("/alerts");

        foreach (var rejected in seed.Uploads.Where(u => u.Stage == "Rejected"))
        {
            await Assertions.Expect(_page.Locator($"tr[data-type='upload.rejected'] a[href='/uploads/{rejected.UploadId}']")).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task AnUploadWithBadRowsShowsItsStagesAndRowCounts()
    {
        var upload = (await lake.SeedAsync()).Of("bad-rows.csv");

        await _page.GotoAsync($"/uploads/{upload.UploadId}");

        await Assertions.Expect(_page.Locator(".stage .badge")).ToHaveTextAsync(["Requested", "Validated", "Transformed", "Cataloged"]);
        await Assertions.Expect(_page.Locator("#row-counts")).ToHaveTextAsync($"rows in: {SeedRun.Manifest.Files.Single(f => f.File == "bad-rows.csv").DataRows} · valid: {upload.Detail("rowsValid")} · quarantined: {upload.Detail("rowsQuarantined")}");
    }
}
