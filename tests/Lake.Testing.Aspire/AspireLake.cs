using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Lake.Configuration;
using Xunit;

namespace Lake.Testing.Aspire;

/// <summary>
/// The lake started by <see cref="DistributedApplicationTestingBuilder"/> from the real AppHost: free ports, its own
/// state directory, every resource name prefixed (only the AppHost's wiring makes it work). Started once per
/// collection; every resource waited healthy (<c>WaitForResourceHealthyAsync</c>), the provisioner finished.
/// </summary>
public class AspireLake : IAsyncLifetime
{
    public static readonly string[] Resources =
        ["aws-emulator", "lambda-emulator", "validate", "ingest-http", "shop-api", "scheduler", "ingest-api", "transform", "query", "lake-console"];

    private readonly string _state = Directory.CreateTempSubdirectory("lake-aspire-").FullName;

    public LakeOptions Options { get; } = TestLake.OptionsFor(TestNames.Unique("asp"));

    public DistributedApplication App { get; private set; } = null!;

    public string StateDirectory => _state;

    public string IngestApiKey => File.ReadAllText(Path.Combine(_state, "ingest-api-key")).Trim();

    public string ConsoleKey => File.ReadAllText(Path.Combine(_state, "console-api-key")).Trim();

    public string QueryApiKey => File.ReadAllText(Path.Combine(_state, "query-api-key")).Trim();

    public Uri Url(string resource) => App.GetEndpoint(resource, "http");

    public HttpClient Client(string resource) => App.CreateHttpClient(resource, "http");

    /// <summary>One statement through the query service's <c>/v1/query</c> with its key: the answer's rows; a refusal throws with the SQL.</summary>
    public async Task<JsonElement> QueryRowsAsync(string sql)
    {
        using var http = QueryClient();
        return (await QueryAsync(http, sql)).GetProperty("rows");
    }

    /// <summary>
    /// One statement through <c>/v1/query</c> on <paramref name="http"/> (from <see cref="QueryClient"/>): the whole
    /// answer (<c>rows</c>, <c>elapsedMs</c>, <c>bytesScanned</c>, ...); a refusal throws with the SQL.
    /// </summary>
    public static async Task<JsonElement> QueryAsync(HttpClient http, string sql)
    {
        using var response = await http.PostAsJsonAsync("/v1/query", new { sql });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{sql}\n{(int)response.StatusCode}: {body}");
    }

    /// <summary>
    /// Syncs the query service's view of one table now (<c>POST /v1/tables/{name}/refresh</c>): a query right after an
    /// upload is <c>Cataloged</c> may otherwise read the last periodic sync (<c>Query:RefreshIntervalSeconds</c>, 10 s).
    /// </summary>
    /// <returns>The table as the service now serves it (<c>GET /v1/tables/{name}</c>'s answer: its partitions and their objects).</returns>
    public async Task<JsonElement> RefreshTableAsync(string table)
    {
        using var http = QueryClient();
        using var response = await http.PostAsync($"/v1/tables/{Uri.EscapeDataString(table)}/refresh", content: null);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new InvalidOperationException($"refresh of {table}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A client for the query service with its key (dispose it).</summary>
    public HttpClient QueryClient()
    {
        var http = new HttpClient { BaseAddress = Url("query"), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("x-api-key", QueryApiKey);
        return http;
    }

    public ResourceNotificationService Notifications => App.ResourceNotifications;

    public AwsCli Cli => new(Url("aws-emulator"), "us-east-1", "test", "test");

    /// <summary>Lake's own AWS clients against the lake's emulator, as the administrator (dispose them).</summary>
    public LakeAwsClients AwsClients() => new(LakeAwsOptions.ForEndpoint("us-east-1", Url("aws-emulator"), new BasicAWSCredentials("test", "test")));

    /// <summary>Where the AppHost has the query service cache curated Parquet (<c>Query__CacheDirectory</c>).</summary>
    public string QueryCacheDirectory => Path.Combine(_state, "query-cache");

    /// <summary>How long the lake may take to start: every resource healthy, the provisioner done.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the Aspire dashboard runs, as it does for <c>dotnet run --project AppHost</c> (the testing builder leaves
    /// it out). Without it the services' OTLP exporters have no collector: each function invocation's flush then
    /// waits for its export to fail, up to <c>OTEL_EXPORTER_OTLP_TIMEOUT</c> (1 s) for traces and again for metrics.
    /// </summary>
    public bool Dashboard { get; init; }

    public async Task InitializeAsync()
    {
        string[] args =
        [
            $"--AppHost:StateDirectory={_state}",
            .. AppHostProcess.FreePorts,
            // The schedules do not fire on their own in a test's lake (a shop-api window would join its orders).
            "--Lake:Scheduler:Paused=true",
            .. LakeEnvironment.Of(Options).Select(e => $"--{e.Key.Replace("__", ":", StringComparison.Ordinal)}={e.Value}"),
        ];
        using var starting = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Lake_AppHost>(
            args, (options, _) => options.DisableDashboard = !Dashboard, starting.Token);
        App = await builder.BuildAsync(starting.Token);
        await App.StartAsync(starting.Token);
        var provisioned = await Notifications.WaitForResourceAsync("provisioner", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), starting.Token);
        if (provisioned.Snapshot.ExitCode != 0)
        {
            throw new InvalidOperationException($"The provisioner ended {provisioned.Snapshot.State?.Text} with exit code {provisioned.Snapshot.ExitCode}.");
        }

        foreach (var resource in Resources)
        {
            await Notifications.WaitForResourceHealthyAsync(resource, starting.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        Directory.Delete(_state, recursive: true);
    }
}
