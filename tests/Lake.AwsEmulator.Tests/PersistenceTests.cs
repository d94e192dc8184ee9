using System.Diagnostics;
using System.Text.Json;
using Lake.Processes;
using Lake.Testing;

namespace Lake.AwsEmulator.Tests;

/// <summary>
/// The emulator the AppHost runs keeps what it acknowledged across a SIGKILL: started with a state file, killed with
/// no chance to save, started again on the same file and port, it still holds the object, the bucket notification
/// (which still delivers), the SNS subscription (which still delivers) and the message in flight (still invisible,
/// still deletable with the receipt handle it was received with). Seen through the AWS CLI as an independent client.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lake-moto-state-").FullName;

    [Fact]
    public async Task ObjectsNotificationsSubscriptionsAndInFlightMessagesSurviveASigkill()
    {
        var options = new MotoServerOptions
        {
            Executable = RepoPaths.EmulatorLauncher,
            Port = FreePort.Pick(),
            StateFile = Path.Combine(_directory, "moto-state.pickle"),
        };
        var bucket = TestNames.Unique("keep");
        var queue = TestNames.Unique("keep");
        var topic = TestNames.Unique("keep");
        string queueUrl, inFlightHandle, topicArn;

        var first = await MotoServer.StartAsync(options);
        try
        {
            var cli = Cli(first);
            await cli.RunAsync("s3api", "create-bucket", "--bucket", bucket);
            queueUrl = await CreateQueueAsync(cli, queue);
            var queueArn = (await cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "QueueArn"))!
                .Value.GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
            await cli.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration",
                JsonSerializer.Serialize(new { QueueConfigurations = new[] { new { QueueArn = queueArn, Events = new[] { "s3:ObjectCreated:*" } } } }));
            topicArn = (await cli.RunAsync("sns", "create-topic", "--name", topic))!.Value.GetProperty("TopicArn").GetString()!;
            await cli.RunAsync("sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs", "--notification-endpoint", queueArn,
                "--attributes", "RawMessageDelivery=true");
            await PutAsync(cli, bucket, "before.csv", "a,b\n1,2\n");

            // Drop the test event and the notification, then leave one message in flight for ten minutes.
            await cli.RunAsync("sqs", "purge-queue", "--queue-url", queueUrl);
            await cli.RunAsync("sqs", "send-message", "--queue-url", queueUrl, "--message-body", "in flight");
            var received = Assert.Single(await ReceiveAsync(cli, queueUrl, visibility: 600));
            Assert.Equal("in flight", received.GetProperty("Body").GetString());
            inFlightHandle = received.GetProperty("ReceiptHandle").GetString()!;
        }
        finally
        {
            using var process = Process.GetProcessById(first.ProcessId);
            process.Kill(); // SIGKILL: no signal handler runs, nothing is saved on the way out
            await process.WaitForExitAsync();
            await first.DisposeAsync();
        }

        await using var second = await MotoServer.StartAsync(options);
        var again = Cli(second);

        Assert.Equal("a,b\n1,2\n", await GetAsync(again, bucket, "before.csv"));
        var depth = (await again.RunAsync("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "All"))!.Value.GetProperty("Attributes");
        Assert.Equal(("0", "1"), (depth.GetProperty("ApproximateNumberOfMessages").GetString(), depth.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString()));
        await again.RunAsync("sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", inFlightHandle);

        var subscription = Assert.Single((await again.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", topicArn))!.Value.GetProperty("Subscriptions").EnumerateArray());
        Assert.Equal("sqs", subscription.GetProperty("Protocol").GetString());
        await again.RunAsync("sns", "publish", "--topic-arn", topicArn, "--message", "alert after restart");
        await PutAsync(again, bucket, "after.csv", "a,b\n3,4\n");

        var bodies = new List<string>();
        for (var attempt = 0; bodies.Count < 2 && attempt < 20; attempt++)
        {
            foreach (var message in await ReceiveAsync(again, queueUrl, visibility: 600))
            {
                bodies.Add(message.GetProperty("Body").GetString()!);
            }
        }

        Assert.Equal(2, bodies.Count);
        Assert.Contains("alert after restart", bodies);
        Assert.Contains(bodies, b => b.Contains("ObjectCreated", StringComparison.Ordinal) && b.Contains("after.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachServiceIsSavedInAFileOfItsOwnAndAnUnreadableOneIsSetAsideNotFatal()
    {
        var options = new MotoServerOptions { Executable = RepoPaths.EmulatorLauncher, StateFile = Path.Combine(_directory, "moto-state.pickle") };
        await File.WriteAllTextAsync(Path.Combine(_directory, "moto-state.sqs.pickle"), "not a pickle");
        var bucket = TestNames.Unique("keep");

        await using (var server = await MotoServer.StartAsync(options))
        {
            await Cli(server).RunAsync("s3api", "create-bucket", "--bucket", bucket);
            Assert.True(File.Exists(Path.Combine(_directory, "moto-state.s3.pickle")));
        }

        Assert.Equal("not a pickle", await File.ReadAllTextAsync(Path.Combine(_directory, "moto-state.sqs.pickle.unreadable")));
        await using var restarted = await MotoServer.StartAsync(options);
        Assert.Contains(bucket, await Cli(restarted).RunRawAsync("s3", "ls"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static AwsCli Cli(MotoServer server) => new(server.Endpoint, EmulatorFixture.Region, EmulatorFixture.AccessKey, EmulatorFixture.SecretKey);

    private static async Task<string> CreateQueueAsync(AwsCli cli, string name) =>
        (await cli.RunAsync("sqs", "create-queue", "--queue-name", name))!.Value.GetProperty("QueueUrl").GetString()!;

    private static async Task<List<JsonElement>> ReceiveAsync(AwsCli cli, string queueUrl, int visibility)
    {
        var result = await cli.RunAsync("sqs", "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10",
            "--wait-time-seconds", "2", "--visibility-timeout", visibility.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result is { } json && json.TryGetProperty("Messages", out var messages) ? [.. messages.EnumerateArray()] : [];
    }

    private static async Task PutAsync(AwsCli cli, string bucket, string key, string content)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content);
            await cli.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> GetAsync(AwsCli cli, string bucket, string key)
    {
        var file = Path.GetTempFileName();
        try
        {
            await cli.RunAsync("s3api", "get-object", "--bucket", bucket, "--key", key, file);
            return await File.ReadAllTextAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
