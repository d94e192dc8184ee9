using System.Diagnostics;
using System.Net.Http.Json;
using Lake.Configuration;
using Lake.Testing;

namespace Lake.ServiceDefaults.Tests;

/// <summary>AWS SDK calls (DynamoDB, S3) as spans of the request that made them, exported with it.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AwsCallTracingTests(EmulatorFixture emulator)
{
    private const string AwsSdkSource = Lake.Aws.Telemetry.AwsSdkTracing.SourceName;

    [Fact]
    public async Task AnUploadRequestsDynamoDbCallIsASpanOfTheRequestsTrace()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync(CancellationToken.None);
        using var recorder = new OtlpRecorder();
        var environment = new Dictionary<string, string>(emulator.AwsEnvironment)
        {
            ["IngestApi__ApiKeys__0"] = "key",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = recorder.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "ingest-under-test",
        };
        foreach (var (key, value) in LakeEnvironment.Of(lake.Options))
        {
            environment[key] = value;
        }

        var service = await ServiceProcess.StartAsync("services/Lake.IngestApi", environment);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using (var http = new HttpClient { BaseAddress = service.BaseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/uploads")
            {
                Content = JsonContent.Create(new { dataset = "orders", fileName = "o.csv", size = 10 }),
            };
            request.Headers.Add("x-api-key", "key");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        await service.StopAsync();
        await service.DisposeAsync();

        var exports = recorder.Traces("ingest-under-test", AwsSdkSource).Where(body => OtlpRecorder.HasTrace(body, traceId)).ToList();
        Assert.NotEmpty(exports);
        Assert.Contains(exports, body => OtlpRecorder.Contains(body, "PutItem") && OtlpRecorder.Contains(body, "POST /v1/uploads"));
    }
}
