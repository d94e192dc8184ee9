using System.Diagnostics;
using System.Text.RegularExpressions;
using Lake.Testing;
using Lake.Testing.Aspire;
using Lake.Testing.Browser;
using Microsoft.Playwright;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The lake as <c>dotnet run --project AppHost</c> runs it (the http launch profile, free ports), looked at in the
/// Aspire dashboard with a real browser: every resource healthy, and an upload's trace across its services; and the
/// summary it prints.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
[Trait("Category", "Browser")]
public sealed class DashboardTests(DashboardLake lake, ChromiumFixture chromium) : IClassFixture<DashboardLake>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _page = await chromium.NewPageAsync();
        await _page.GotoAsync(lake.Host.DashboardLogin.ToString()); // the summary's link logs in (browser token)
    }

    public Task DisposeAsync() => _page.Context.CloseAsync();

    [Fact]
    public async Task EveryResourceIsRunningAndHealthyAndTheProvisionerFinished()
    {
        await _page.GotoAsync(new Uri(lake.Dashboard, "/").ToString());
        var rows = _page.GetByRole(AriaRole.Row);
        await Assertions.Expect(rows.Filter(new() { HasText = "lake-console" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await _page.SetViewportSizeAsync(1280, 820); // every resource row in view for the README's picture
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lake-dashboard-resources.png"), FullPage = true });

        foreach (var name in AspireLake.Resources)
        {
            await Assertions.Expect(rows.Filter(new() { HasText = name }).Filter(new() { HasText = "Running" }).First).ToBeVisibleAsync();
        }

        await Assertions.Expect(rows.Filter(new() { HasText = "Unhealthy" })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasText = "provisioner" }).First).ToContainTextAsync(new Regex("Finished|Exited"));
    }

    [Fact]
    public async Task TheSummaryListsScheduledIngestionsResourcesAtUrlsThatAnswer()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        foreach (var name in new[] { "shop-api", "scheduler" })
        {
            var line = Regex.Match(lake.Host.Text, $@"^\s+{name}\s+(?<url>http://\S+)\s*$", RegexOptions.Multiline);
            Assert.True(line.Success, lake.Host.Text);
            using var health = await http.GetAsync(new Uri(new Uri(line.Groups["url"].Value), "/health"));
            Assert.True(health.IsSuccessStatusCode, $"{name}: {(int)health.StatusCode}");
        }

        Assert.Matches(@"(?m)^\s+ingest-http\s+\(runs in lambda-emulator", lake.Host.Text);
    }

    [Fact]
    public async Task TheHttpProfileShowsNoDevelopmentCertificateWarning()
    {
        // Aspire warns (log line and a red banner) when a resource serves https without a trusted dev certificate;
        // every Lake endpoint is http, so neither may appear on a machine without one (as here).
        await _page.GotoAsync(new Uri(lake.Dashboard, "/").ToString());
        var rows = _page.GetByRole(AriaRole.Row);
        await Assertions.Expect(rows.Filter(new() { HasText = "lake-console" }).Filter(new() { HasText = "Running" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(_page.GetByText("development certificate")).ToHaveCountAsync(0);
        Assert.DoesNotContain("development certificate", lake.Host.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUploadsTraceHasSpansOfTheIngestApiTheValidateFunctionAndTheTransform()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using (var ingest = new IngestApiClient(lake.Host.Url("ingestApi"), lake.Host.IngestApiKey))
        {
            var file = RepoPaths.OrdersSeed("valid", "orders-2024-01.csv");
            var id = await ingest.UploadAsync("orders", "traced.csv", await File.ReadAllBytesAsync(file), $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            var status = await ingest.WaitForStageAsync(id, TimeSpan.FromMinutes(3), "Cataloged", "Rejected", "Failed");
            Assert.Equal("Cataloged", status.GetProperty("stage").GetString());
        }

        await _page.GotoAsync(new Uri(lake.Dashboard, $"/traces/detail/{traceId}").ToString());

        foreach (var service in (string[])["ingest-api", "validate", "transform"])
        {
            await Assertions.Expect(_page.GetByText(service, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }

        await _page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lake-dashboard-trace.png"), FullPage = true });
    }
}

/// <summary>One AppHost process with its dashboard for the class.</summary>
public sealed class DashboardLake : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-e2e-dash-").FullName;

    public AppHostProcess Host { get; private set; } = null!;

    public Uri Dashboard => Host.Url("dashboard");

    public async Task InitializeAsync()
    {
        Host = AppHostProcess.Start(_state, AppHostProcess.FreePorts);
        await Host.WaitUntilRunningAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
