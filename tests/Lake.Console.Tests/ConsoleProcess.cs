using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Configuration;
using Lake.Testing;

namespace Lake.Console.Tests;

/// <summary>
/// The console as a real process (its build output, as the AppHost runs it) over a test lake, on a free port, with
/// the settings the AppHost gives it; and clients that reach it as a script (the key) or a browser (the cookie) would.
/// </summary>
public sealed class ConsoleProcess : IAsyncDisposable
{
    /// <summary>Never contacted: the console only builds links to it.</summary>
    public static readonly Uri DashboardUrl = new("http://aspire-dashboard.test:18888/");

    private readonly ServiceProcess _process;

    private ConsoleProcess(ServiceProcess process, string key)
    {
        _process = process;
        Key = key;
        Url = process.BaseAddress;
    }

    public Uri Url { get; }

    public string Key { get; }

    public ServiceProcess Process => _process;

    /// <param name="settings">Added to (or overriding) what <see cref="Environment"/> gives, e.g. <c>["services__query__http__0"] = ...</c>.</param>
    public static async Task<ConsoleProcess> StartAsync(EmulatorFixture emulator, TestLake lake, IReadOnlyDictionary<string, string>? settings = null)
    {
        var key = $"test-key-{Guid.NewGuid():N}";
        var environment = Environment(emulator, lake, key);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return new ConsoleProcess(await ServiceProcess.StartAsync("services/Lake.Console", environment), environment["Console__ApiKeys__0"]);
    }

    /// <summary>What the AppHost gives the console: the emulator, the lake's names, a key, the dashboard's URL.</summary>
    public static Dictionary<string, string> Environment(EmulatorFixture emulator, TestLake lake, string key)
    {
        var environment = new Dictionary<string, string>(emulator.AwsEnvironment)
        {
            ["Console__ApiKeys__0"] = key,
            ["Console__DashboardUrl"] = DashboardUrl.ToString(),
        };
        foreach (var (name, value) in LakeEnvironment.Of(lake.Options))
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>A client without credentials that does not follow redirects (a test reads them).</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Url };

    /// <summary>A script's client: the key in <c>x-api-key</c>.</summary>
    public HttpClient WithKey(string? key = null)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Add("x-api-key", key ?? Key);
        return http;
    }

    /// <summary>A browser's client, logged in through the login link: it holds the session cookie (and later the antiforgery one).</summary>
    public async Task<HttpClient> LogInAsync()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Url };
        using var response = await http.GetAsync($"/login?key={Uri.EscapeDataString(Key)}");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return http;
    }

    /// <summary>The antiforgery token a logged-in page sends in <c>x-csrf-token</c>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser) =>
        (await browser.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("antiforgeryToken").GetString()!;

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
