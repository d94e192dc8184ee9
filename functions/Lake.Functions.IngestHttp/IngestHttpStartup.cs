using Lake.Aws.Telemetry;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Functions.IngestHttp.Fetching;
using Lake.Functions.IngestHttp.Runs;
using Lake.Lambda.Bootstrap;
using Lake.Lambda.Client;
using Lake.Lambda.Telemetry;
using Lake.Uploads;

namespace Lake.Functions.IngestHttp;

/// <summary>
/// The function's init phase and handler. Init reads the standard settings (DESIGN §3), the contracts, and
/// <c>Lake__Sources__{dataset}__Url</c>, which points a dataset's source elsewhere (locally: the AppHost's shop-api);
/// a bad setting or contract fails init (<c>Runtime.InitError</c>) with the message.
/// </summary>
public sealed class IngestHttpStartup(string[] args) : IDisposable
{
    private LakeAwsClients? _clients;
    private FunctionTelemetry? _telemetry;
    private HttpClient? _http;
    private LambdaBootstrapHandler? _handler;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var configuration = LakeConfiguration.Build(args);
        var lake = configuration.LakeOptions();
        LakeOptionsValidator.EnsureValid(lake);
        var contracts = ContractCatalog.Load(lake.ContractsDirectory);
        var overrides = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var source in configuration.GetSection("Lake:Sources").GetChildren())
        {
            if (source["Url"] is { Length: > 0 } url)
            {
                overrides[source.Key] = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? uri
                    : throw new InvalidOperationException($"Lake:Sources:{source.Key}:Url '{url}' is not an absolute http(s) URL.");
            }
        }

        var backoff = double.TryParse(configuration["Lake:IngestHttp:FirstBackoffSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 1;
        _telemetry = FunctionTelemetry.Start(configuration["OTEL_SERVICE_NAME"] ?? "ingest-http");
        AwsSdkTracing.Enable();
        _clients = new LakeAwsClients();
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var runner = new IngestRunner(
            _clients.S3, _clients.Sns, new UploadStatusStore(_clients.DynamoDb, lake.StatusTable), new IngestRunStore(_clients.DynamoDb, lake.StatusTable),
            new SourceReader(new PageFetcher(_http, TimeSpan.FromSeconds(backoff))), contracts, overrides, lake.Buckets.Raw);
        var function = new IngestHttpFunction(runner, lake.AlertsTopic, TimeProvider.System);
        _handler = TypedHandler.For(function.HandleAsync, IngestHttpJsonContext.Default.ScheduledIngestEvent, IngestHttpJsonContext.Default.IngestRunResult);
        Console.WriteLine($"{{\"level\":\"info\",\"message\":\"ingest-http function ready\",\"sources\":\"{string.Join(',', contracts.Values.Where(c => c.Source is not null).Select(c => c.Dataset))}\"}}");
        return Task.CompletedTask;
    }

    public async Task<InvocationResponse> HandleAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var handler = _handler ?? throw new InvalidOperationException("The function was invoked before its init phase ran.");
        try
        {
            return await handler(invocation, cancellationToken);
        }
        finally
        {
            _telemetry?.Flush();
        }
    }

    public void Dispose()
    {
        _telemetry?.Dispose();
        _http?.Dispose();
        _clients?.Dispose();
    }
}
