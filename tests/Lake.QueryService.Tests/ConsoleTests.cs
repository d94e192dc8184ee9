using Lake.Testing.Browser;
using Microsoft.Playwright;

namespace Lake.QueryService.Tests;

/// <summary>The web console in a real chromium: the table list, a query typed and run, a refusal shown inline.</summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Browser")]
public sealed class ConsoleTests(ServedLake lake, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _page = await chromium.NewPageAsync(lake.Service.Http.BaseAddress!.ToString());
        await _page.GotoAsync("/");
        await _page.FillAsync("#key", QueryServiceHost.ApiKey);
        await _page.PressAsync("#key", "Enter");
    }

    public Task DisposeAsync() => _page.Context.CloseAsync();

    [Fact]
    public async Task TypingAQueryAndPressingCtrlEnterShowsItsRowsAndFigures()
    {
        await _page.FillAsync("#sql", $"SELECT order_date, count(*) AS orders FROM {lake.Table} GROUP BY ALL ORDER BY 1");
        await _page.PressAsync("#sql", "Control+Enter");

        var table = _page.Locator("#results");
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(["order_date", "orders"], (await table.Locator("thead th").AllInnerTextsAsync()).Select(h => h.Split('\n')[0]));
        Assert.Equal(["2024-06-01", "10"], await table.Locator("tbody tr").First.Locator("td").AllInnerTextsAsync());
        await Assertions.Expect(_page.Locator("#stats")).ToContainTextAsync("3 rows");
        await Assertions.Expect(_page.Locator("#stats")).ToContainTextAsync("scanned");
        Assert.True(await _page.Locator("#error").IsHiddenAsync());
    }

    [Fact]
    public async Task ClickingATableFillsAQueryThatTheRunButtonRuns()
    {
        var entry = _page.Locator($"#tables button[data-table='{lake.Table}']");
        await Assertions.Expect(entry).ToContainTextAsync("3 partitions");

        await entry.ClickAsync();
        await Assertions.Expect(_page.Locator("#sql")).ToHaveValueAsync($"SELECT * FROM {lake.Table} LIMIT 100");
        await _page.ClickAsync("#run");

        await Assertions.Expect(_page.Locator("#results tbody tr")).ToHaveCountAsync(60);
        await Assertions.Expect(_page.Locator("#results thead th").First).ToContainTextAsync("order_id");
    }

    [Fact]
    public async Task ARefusedQueryShowsItsErrorInlineAndHidesTheOldResult()
    {
        await _page.FillAsync("#sql", "SELECT 1 AS one");
        await _page.ClickAsync("#run");
        await Assertions.Expect(_page.Locator("#results")).ToBeVisibleAsync();

        await _page.FillAsync("#sql", "COPY (SELECT 1) TO 'x.csv'");
        await _page.ClickAsync("#run");

        var error = _page.Locator("#error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("Statement not allowed");
        await Assertions.Expect(error).ToContainTextAsync("this statement is COPY");
        await Assertions.Expect(_page.Locator("#results")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AKeyHandedInTheFragmentIsUsedAndTakenOutOfTheAddress()
    {
        var page = await chromium.NewPageAsync(lake.Service.Http.BaseAddress!.ToString());
        try
        {
            await page.GotoAsync($"/#key={QueryServiceHost.ApiKey}");

            await Assertions.Expect(page.Locator($"#tables button[data-table='{lake.Table}']")).ToBeVisibleAsync();
            Assert.DoesNotContain(QueryServiceHost.ApiKey, page.Url, StringComparison.Ordinal);
            await page.FillAsync("#sql", "SELECT 1 AS one");
            await page.ClickAsync("#run");
            await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(1);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithoutTheKeyTheConsoleSaysOneIsNeeded()
    {
        await _page.FillAsync("#key", "");
        await _page.PressAsync("#key", "Enter");
        await _page.FillAsync("#sql", "SELECT 1 AS one");
        await _page.ClickAsync("#run");

        await Assertions.Expect(_page.Locator("#error")).ToContainTextAsync("API key required");
        await Assertions.Expect(_page.Locator("#tables")).ToContainTextAsync("tables unavailable");
    }

    [Fact]
    public async Task ASqlErrorFromDuckDbIsShownInline()
    {
        await _page.FillAsync("#sql", "SELECT no_such_column FROM " + lake.Table);
        await _page.PressAsync("#sql", "Control+Enter");

        await Assertions.Expect(_page.Locator("#error")).ToContainTextAsync("Query failed");
        await Assertions.Expect(_page.Locator("#error")).ToContainTextAsync("no_such_column");
    }
}
