using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>The transform's metrics leave over OTLP, as the dashboard's metrics page receives them.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class MetricsTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task AnUploadAndAPoisonMessageAreCountedTimedAndTheDeadLetterDepthIsExported()
    {
        using var recorder = new OtlpRecorder();
        await using var lake = await TransformLake.StartAsync(emulator, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = recorder.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "transform-under-test",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["Alarms__EvaluationIntervalSeconds"] = "1",
        });
        var url = (await lake.TestLake.Clients.Sqs.GetQueueUrlAsync(lake.TestLake.Options.Queues.Transform.Name)).QueueUrl;

        await lake.WaitForStageAsync(await lake.PutCleanAsync(RepoPaths.OrdersSeed("invalid", "bad-rows.csv")), UploadStage.Cataloged);
        await lake.TestLake.Clients.Sqs.SendMessageAsync(url, "poison");
        await lake.WaitForDeadLettersAsync(1, TimeSpan.FromSeconds(30));

        string[] expected = ["lake.transform.rows", "lake.transform.uploads", "lake.stage.duration", "lake.function.errors", "lake.queue.dead_letters",
            lake.TestLake.Options.Queues.Transform.DeadLetterQueueName, lake.TestLake.Options.Queues.Validate.DeadLetterQueueName];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Exported(recorder, expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.All(expected, name => Assert.Contains(recorder.Received, r => r.Path == "/v1/metrics" && OtlpRecorder.Contains(r.Body, name)));
    }

    private static bool Exported(OtlpRecorder recorder, string[] names) =>
        names.All(name => recorder.Received.Any(r => r.Path == "/v1/metrics" && OtlpRecorder.Contains(r.Body, name)));
}
