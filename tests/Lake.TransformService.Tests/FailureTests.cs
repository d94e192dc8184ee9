using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>Messages that cannot succeed end in the dead-letter queue with an alert, never in a loop; bad settings stop the service at launch.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class FailureTests(EmulatorFixture emulator) : TransformServiceTest(emulator)
{
    [Fact]
    public async Task AMessageThatIsNotAnS3EventEndsInTheDeadLetterQueueWithAnAlert()
    {
        var inbox = await AlertInbox.SubscribeAsync(Lake.TestLake);
        var url = (await Lake.TestLake.Clients.Sqs.GetQueueUrlAsync(Lake.TestLake.Options.Queues.Transform.Name)).QueueUrl;

        await Lake.TestLake.Clients.Sqs.SendMessageAsync(url, "{\"not\": \"an event\"");

        var dead = Assert.Single(await Lake.WaitForDeadLettersAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("{\"not\": \"an event\"", dead.Body);
        var alert = await inbox.WaitForAsync("upload.transform-failed", TimeSpan.FromSeconds(30));
        Assert.StartsWith("the message body is not an S3 event notification: ", alert.GetProperty("reason").GetString());
        Assert.Equal(dead.MessageAttributes["lake-refused"].StringValue, alert.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AnUploadThatKeepsFailingIsRecordedFailedOnItsLastReceiveAndEndsInTheDeadLetterQueue()
    {
        var inbox = await AlertInbox.SubscribeAsync(Lake.TestLake);
        var missing = UploadId.New();

        await Lake.SendEventAsync($"orders/{missing}.csv");

        var failed = await Lake.WaitForStageAsync(missing, UploadStage.Failed);
        Assert.Equal("3", failed.Details["receiveCount"]);
        var alert = await inbox.WaitForAsync("upload.transform-failed", TimeSpan.FromSeconds(30));
        Assert.Equal((missing.Value, 3), (alert.GetProperty("uploadId").GetString(), alert.GetProperty("receiveCount").GetInt32()));
        Assert.Single(await Lake.WaitForDeadLettersAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(3, Lake.Service.Output.Count(l => l.Contains($"Transforming orders/{missing}.csv (message", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ABadSettingStopsTheServiceAtLaunchNamingItsKey()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Lake.StartServiceAsync(new Dictionary<string, string> { ["Transform__MemoryLimit"] = "lots" }));

        Assert.Contains("Transform:MemoryLimit must be a size", error.Message);
    }

}
