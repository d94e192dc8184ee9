using System.Net;
using Lake.Testing;

namespace Lake.ServiceDefaults.Tests;

/// <summary>The defaults as a service wears them: the Lambda emulator, run as a process.</summary>
[Trait("Category", "Integration")]
public sealed class ServiceDefaultsTests
{
    [Fact]
    public async Task HealthAndAliveAnswer()
    {
        await using var service = await ServiceProcess.StartAsync("services/Lake.LambdaEmulator", new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1" });
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task RequestsAreExportedAsTracesOverOtlpNamedByOtelServiceNameAndProbesAreNot()
    {
        using var recorder = new OtlpRecorder();
        var service = await ServiceProcess.StartAsync("services/Lake.LambdaEmulator", new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = recorder.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "lambda-emulator-under-test",
        });
        using (var http = new HttpClient { BaseAddress = service.BaseAddress })
        {
            (await http.GetAsync("/2015-03-31/functions")).Dispose();
            (await http.GetAsync("/health")).Dispose();
        }

        // SIGTERM: a clean stop flushes what the exporters still hold.
        var exitCode = await service.StopAsync();
        await service.DisposeAsync();

        Assert.Equal(0, exitCode);
        Assert.NotEmpty(recorder.Traces("lambda-emulator-under-test", "GET /2015-03-31/functions"));
        Assert.Empty(recorder.Traces("/health"));
        Assert.Contains(recorder.Received, r => r.Path == "/v1/logs");
        Assert.Contains(recorder.Received, r => r.Path == "/v1/metrics");
    }
}
