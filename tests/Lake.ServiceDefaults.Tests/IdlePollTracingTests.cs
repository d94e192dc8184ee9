using Lake.Configuration;
using Lake.Testing;

namespace Lake.ServiceDefaults.Tests;

/// <summary>A worker waiting on its queue exports no trace per poll; its real calls are still traced.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class IdlePollTracingTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task AnIdleWorkersQueuePollsAreNotTracedButItsStartUpCallsAre()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync(CancellationToken.None);
        using var recorder = new OtlpRecorder();
        var environment = new Dictionary<string, string>(emulator.AwsEnvironment)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = recorder.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "idle-transform",
            ["Transform__LongPollSeconds"] = "1",
        };
        foreach (var (key, value) in LakeEnvironment.Of(lake.Options))
        {
            environment[key] = value;
        }

        var worker = await ServiceProcess.StartAsync("services/Lake.TransformService", environment);
        await worker.WaitForOutputAsync(line => line.Contains("Consuming", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // Each poll of the empty queue ends after 1 s: in 5 s several have finished, each a whole receive that could
        // have been traced (a poll cut short by the stop would prove nothing).
        await Task.Delay(TimeSpan.FromSeconds(5));
        await worker.StopAsync();
        await worker.DisposeAsync();

        var traces = recorder.Traces("idle-transform").ToList();
        Assert.Contains(traces, body => OtlpRecorder.Contains(body, "SQS.GetQueueUrl"));

        // Neither the poll's span nor its children (the SDK's HttpRequest span carries rpc.method ReceiveMessage).
        Assert.DoesNotContain(traces, body => OtlpRecorder.Contains(body, "ReceiveMessage"));
    }
}
