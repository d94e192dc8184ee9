using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lake.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lake.Dashboard.Tests;

/// <summary>The real OpenTelemetry .NET SDK exports http/protobuf to the dashboard, as every Lake service does.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class OtlpReceiverTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(emulator);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SpansExportedByTheSdkAppearAsOneTraceWithTheirParentage()
    {
        var traceId = ExportParentAndChild(_host.Url, "orders-api", "Lake.Tests.Traces");

        var list = await _host.Http.GetFromJsonAsync<JsonElement>($"/api/traces?service=orders-api");
        var summary = list.GetProperty("traces").EnumerateArray().Single(t => t.GetProperty("traceId").GetString() == traceId);
        Assert.Equal("POST /v1/uploads", summary.GetProperty("name").GetString());
        Assert.Equal(2, summary.GetProperty("spanCount").GetInt32());
        Assert.Contains("orders-api", list.GetProperty("services").EnumerateArray().Select(s => s.GetString()));

        var rows = (await _host.Http.GetFromJsonAsync<JsonElement>($"/api/traces/{traceId}")).GetProperty("waterfall").GetProperty("rows");
        var (parent, child) = (rows[0].GetProperty("span"), rows[1].GetProperty("span"));
        Assert.Equal(("POST /v1/uploads", 0), (parent.GetProperty("name").GetString(), rows[0].GetProperty("depth").GetInt32()));
        Assert.Equal(("s3.PutObject", 1), (child.GetProperty("name").GetString(), rows[1].GetProperty("depth").GetInt32()));
        Assert.Equal(parent.GetProperty("spanId").GetString(), child.GetProperty("parentSpanId").GetString());
        Assert.Equal("Server", parent.GetProperty("kind").GetString());
        Assert.Equal("Error", child.GetProperty("status").GetString());
        Assert.Equal("lake-raw", child.GetProperty("attributes").GetProperty("aws.s3.bucket").GetString());
        Assert.Equal("orders-api", child.GetProperty("service").GetString());
    }

    [Fact]
    public async Task LogRecordsExportedByTheSdkCarryTheirTraceAndService()
    {
        using var source = new ActivitySource("Lake.Tests.Logs");
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).Build();
        using var loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("validate"));
            otel.IncludeFormattedMessage = true;
            otel.AddOtlpExporter(o => Point(o, _host.Url, "v1/logs"));
        }));
        string traceId;
        using (var activity = source.StartActivity("validate upload"))
        {
            traceId = activity!.TraceId.ToHexString();
            loggers.CreateLogger("Validate").LogWarning("Upload {UploadId} rejected: {Reason}", "abc", "<script>bad header</script>");
        }

        loggers.Dispose();

        var trace = await _host.Http.GetFromJsonAsync<JsonElement>($"/api/structured-logs?traceId={traceId}");
        var record = Assert.Single(trace.EnumerateArray());
        Assert.Equal("Upload abc rejected: <script>bad header</script>", record.GetProperty("body").GetString());
        Assert.Equal("validate", record.GetProperty("service").GetString());
        Assert.Equal("Warning", record.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task MetricsExportedByTheSdkKeepTheirLatestValue()
    {
        using var meter = new Meter("Lake.Tests.Metrics");
        var uploads = meter.CreateCounter<long>("lake.uploads", unit: "{upload}");
        using (var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService("ingest-api"))
            .AddMeter(meter.Name)
            .AddOtlpExporter(o => Point(o, _host.Url, "v1/metrics"))
            .Build())
        {
            uploads.Add(3, new KeyValuePair<string, object?>("dataset", "orders"));
            uploads.Add(2, new KeyValuePair<string, object?>("dataset", "returns"));
            metrics.ForceFlush();
        }

        var all = await _host.Http.GetFromJsonAsync<JsonElement>("/api/metrics?service=ingest-api");
        var metric = all.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "lake.uploads");
        Assert.Equal(5, metric.GetProperty("value").GetDouble());
        Assert.Equal(("Sum", "{upload}"), (metric.GetProperty("kind").GetString(), metric.GetProperty("unit").GetString()));
    }

    [Fact]
    public async Task OtlpJsonWithHexIdsIsReceivedToo()
    {
        const string TraceId = "5b8efff798038103d269b633813fc60c";
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"curl"}}]},
              "scopeSpans":[{"scope":{"name":"manual"},"spans":[
                {"traceId":"{{{TraceId}}}","spanId":"eee19b7ec3c1b174","name":"parent","kind":2,
                 "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000"},
                {"traceId":"{{{TraceId}}}","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b174","name":"child","kind":3,
                 "startTimeUnixNano":"1544712660300000000","endTimeUnixNano":"1544712660800000000",
                 "attributes":[{"key":"rows","value":{"intValue":"42"}}],"status":{"code":2,"message":"boom"}}]}]}]}
            """;

        using var response = await _host.Http.PostAsync("/v1/traces", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await _host.Http.GetFromJsonAsync<JsonElement>($"/api/traces/{TraceId}")).GetProperty("waterfall").GetProperty("rows");
        Assert.Equal(["parent", "child"], rows.EnumerateArray().Select(r => r.GetProperty("span").GetProperty("name").GetString()));
        var child = rows[1].GetProperty("span");
        Assert.Equal(("eee19b7ec3c1b174", "42", "boom"), (child.GetProperty("parentSpanId").GetString(),
            child.GetProperty("attributes").GetProperty("rows").GetString(), child.GetProperty("statusMessage").GetString()));
        Assert.Equal(300, rows[1].GetProperty("offsetMs").GetDouble());
        Assert.Equal(500, child.GetProperty("durationMs").GetDouble());
    }

    [Theory]
    [InlineData("application/x-protobuf", "not protobuf at all \u00ff\u00ff\u00ff", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "hello", HttpStatusCode.UnsupportedMediaType)]
    public async Task ARequestThatIsNotOtlpIsRefusedWithAReason(string contentType, string body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        using var response = await _host.Http.PostAsync("/v1/traces", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A server span with a failed client child, exported by the SDK's OTLP exporter; returns the trace id.</summary>
    internal static string ExportParentAndChild(Uri dashboard, string service, string sourceName)
    {
        using var source = new ActivitySource(sourceName);
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService(service))
            .AddSource(source.Name)
            .AddOtlpExporter(o => Point(o, dashboard, "v1/traces"))
            .Build();
        string traceId;
        using (var parent = source.StartActivity("POST /v1/uploads", ActivityKind.Server))
        {
            traceId = parent!.TraceId.ToHexString();
            using var child = source.StartActivity("s3.PutObject", ActivityKind.Client);
            child!.SetTag("aws.s3.bucket", "lake-raw");
            child.SetStatus(ActivityStatusCode.Error, "AccessDenied");
        }

        Assert.True(tracing.ForceFlush(10_000), "the exporter did not flush");
        return traceId;
    }

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT={Url} with http/protobuf configures: {Url}v1/{signal}.</summary>
    private static void Point(OtlpExporterOptions options, Uri dashboard, string signal)
    {
        options.Endpoint = new Uri(dashboard, signal);
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
    }
}
