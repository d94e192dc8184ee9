using Microsoft.Playwright;
using Xunit;

namespace Lake.Testing.Browser;

/// <summary>
/// One headless chromium per test collection, driven by Playwright. The machine's chromium is used
/// (<c>LAKE_CHROMIUM</c>, else <c>/usr/bin/chromium</c>): Playwright's own browser download needs the internet.
/// Each test opens its own context (<see cref="NewPageAsync"/>), so cookies and storage never leak between tests.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where chromium is looked for when <c>LAKE_CHROMIUM</c> is unset (Debian's package).</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("LAKE_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"No chromium at {executable}: install it (apt-get install chromium) or set LAKE_CHROMIUM.", executable);
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // No sandbox (tests may run as root); no background networking (this machine's network is closed,
            // and chromium's own connections would only add noise and delay).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page in a fresh context; dispose the context (<c>page.Context.CloseAsync()</c>) or let the fixture end it.</summary>
    public async Task<IPage> NewPageAsync(string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
