using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;

namespace Lake.QueryService.Tests;

/// <summary>The query service as a real process over a test lake, with its own cache directory, and a client for its API.</summary>
public sealed class QueryServiceHost : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private QueryServiceHost(ServiceProcess process, string cacheDirectory)
    {
        _process = process;
        CacheDirectory = cacheDirectory;
        Http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        Http.DefaultRequestHeaders.Add("x-api-key", ApiKey);
    }

    /// <summary>The key every test service accepts (<c>Query__ApiKeys__0</c>); <see cref="Http"/> sends it.</summary>
    public const string ApiKey = "query-test-key-0123456789abcdef";

    public HttpClient Http { get; }

    public string CacheDirectory { get; }

    public ServiceProcess Process => _process;

    /// <param name="settings">Extra settings, e.g. <c>["Query__MaxRows"] = "1000"</c>.</param>
    public static async Task<QueryServiceHost> StartAsync(EmulatorFixture emulator, TestLake lake, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cacheDirectory = Path.Combine(Path.GetTempPath(), TestNames.Unique("query-cache"));
        var environment = Environment(emulator, lake, cacheDirectory);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new QueryServiceHost(await ServiceProcess.StartAsync("services/Lake.QueryService", environment), cacheDirectory);
    }

    /// <summary>What a launcher sets: the emulator, the lake's names, a private cache directory.</summary>
    public static Dictionary<string, string> Environment(EmulatorFixture emulator, TestLake lake, string cacheDirectory) =>
        new(emulator.AwsEnvironment)
        {
            ["Lake__Buckets__Curated"] = lake.Options.Buckets.Curated,
            ["Lake__Buckets__AthenaResults"] = lake.Options.Buckets.AthenaResults,
            ["Lake__GlueDatabase"] = lake.Options.GlueDatabase,
            ["Lake__ServingTablePrefix"] = lake.Options.ServingTablePrefix,
            ["Lake__AthenaWorkGroup"] = lake.Options.AthenaWorkGroup,
            ["Query__CacheDirectory"] = cacheDirectory,
            ["Query__RefreshIntervalSeconds"] = "3600",
            ["Query__ApiKeys__0"] = ApiKey,
        };

    /// <summary>POSTs one statement; the status and the parsed JSON body (a result or a ProblemDetails).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> QueryAsync(string sql)
    {
        using var response = await Http.PostAsJsonAsync("/v1/query", new { sql });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The service's peak resident memory so far (Linux's <c>VmHWM</c>), in bytes.</summary>
    public long PeakResidentBytes() =>
        File.ReadLines($"/proc/{_process.ProcessId}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024).Single();

    /// <summary>A query that must succeed: its rows as JSON arrays.</summary>
    public async Task<JsonElement> RowsAsync(string sql)
    {
        var (status, body) = await QueryAsync(sql);
        Assert.True(status == HttpStatusCode.OK, $"{sql} → {(int)status}: {body}");
        return body.GetProperty("rows");
    }

    public async Task<long> ScalarAsync(string sql) => (await RowsAsync(sql))[0][0].GetInt64();

    public async Task RefreshAsync(string table)
    {
        using var response = await Http.PostAsync($"/v1/tables/{table}/refresh", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
    }
}
