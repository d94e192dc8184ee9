using Lake.Testing;

namespace Lake.LambdaEmulator.Tests;

/// <summary>SQS event source mappings: messages sent with the AWS CLI reach the function in batches.</summary>
[Collection(LambdaEmulatorCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SqsEventSourceTests(LambdaEmulatorFixture lake)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task OnlyTheFailedMessagesOfABatchReturnAndAPoisonMessageEndsInTheDeadLetterQueue()
    {
        var queue = await lake.QueueUrlAsync(lake.BatchQueue);
        var tag = TestNames.Unique("ok");
        await SendBatchAsync(queue, $"{tag}-1", "fail", $"{tag}-2");

        var deadLetters = await lake.QueueUrlAsync($"{lake.BatchQueue}-dlq");
        await WaitUntilAsync(async () => (await lake.HandledAsync()).Count(l => l.StartsWith(tag, StringComparison.Ordinal)) == 2);
        await WaitUntilAsync(async () => await VisibleCountAsync(deadLetters) == 1);
        var dead = await ReceiveAllAsync(deadLetters);

        Assert.Equal(["fail"], dead.Select(m => m.Body));
        Assert.True(int.Parse(dead[0].ReceiveCount) >= 3, $"moved after {dead[0].ReceiveCount} receives");
        Assert.Equal(2, (await lake.HandledAsync()).Count(l => l.StartsWith(tag, StringComparison.Ordinal)));
        await AssertEmptyAsync(queue);
    }

    [Fact]
    public async Task AProcessKilledMidBatchIsRestartedAndTheBatchStillCompletes()
    {
        var queue = await lake.QueueUrlAsync(lake.CrashyQueue);
        var marker = Path.Combine(Path.GetTempPath(), TestNames.Unique("crash-marker"));
        var tag = TestNames.Unique("after-crash");
        try
        {
            await SendBatchAsync(queue, $"crash-once:{marker}", $"{tag}-1", $"{tag}-2");

            await WaitUntilAsync(async () =>
            {
                var handled = await lake.HandledAsync();
                return handled.Contains($"crash-once:{marker}") && handled.Count(l => l.StartsWith(tag, StringComparison.Ordinal)) == 2;
            });

            Assert.True(File.Exists(marker), "the function should have crashed once");
            await lake.Emulator.WaitForOutputAsync(l => l.Contains("crashy", StringComparison.Ordinal) && l.Contains("exited", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
            await AssertEmptyAsync(queue);
            Assert.Empty(await ReceiveAllAsync(await lake.QueueUrlAsync($"{lake.CrashyQueue}-dlq")));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    private async Task SendBatchAsync(string queueUrl, params string[] bodies)
    {
        var entries = string.Join(' ', bodies.Select((b, i) => $"Id=m{i},MessageBody={b}"));
        await lake.Aws.Cli.RunAsync(["sqs", "send-message-batch", "--queue-url", queueUrl, "--entries", .. entries.Split(' ')]);
    }

    private async Task<List<(string Body, string ReceiveCount)>> ReceiveAllAsync(string queueUrl)
    {
        var messages = new List<(string, string)>();
        var received = await lake.Aws.Cli.RunAsync("sqs", "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10",
            "--wait-time-seconds", "1", "--message-system-attribute-names", "All");
        if (received is { } r && r.TryGetProperty("Messages", out var list))
        {
            messages.AddRange(list.EnumerateArray().Select(m => (m.GetProperty("Body").GetString()!,
                m.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString()!)));
        }

        return messages;
    }

    private async Task<int> VisibleCountAsync(string queueUrl) =>
        int.Parse((await lake.Aws.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "ApproximateNumberOfMessages"))!
            .Value.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString()!);

    private async Task AssertEmptyAsync(string queueUrl)
    {
        var attributes = (await lake.Aws.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "All"))!
            .Value.GetProperty("Attributes");
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("0", attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"not done within {Patience}. Emulator said:\n{string.Join('\n', lake.Emulator.Output.TakeLast(40))}");
    }
}
