using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
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
            // SQS is written back whole on each change; S3 goes to the journal until the stop folds it in.
            await CreateQueueAsync(Cli(server), TestNames.Unique("keep"));
            Assert.True(File.Exists(Path.Combine(_directory, "moto-state.sqs.pickle")));
            await Cli(server).RunAsync("s3api", "create-bucket", "--bucket", bucket);
            Assert.False(File.Exists(Path.Combine(_directory, "moto-state.s3.pickle")));
            Assert.True(new FileInfo(Path.Combine(_directory, "moto-state.journal")).Length > 0);
        }

        Assert.True(File.Exists(Path.Combine(_directory, "moto-state.s3.pickle")));
        Assert.Equal(0, new FileInfo(Path.Combine(_directory, "moto-state.journal")).Length);
        Assert.Equal("not a pickle", await File.ReadAllTextAsync(Path.Combine(_directory, "moto-state.sqs.pickle.unreadable")));
        await using var restarted = await MotoServer.StartAsync(options);
        Assert.Contains(bucket, await Cli(restarted).RunRawAsync("s3", "ls"));
    }

    /// <summary>
    /// S3 and DynamoDB changes go to a journal replayed at start: each exactly once (a counter added to survives two
    /// SIGKILLs with its exact value), an open multipart upload survives and completes, and the replay sends no S3
    /// event again (the queue holds the events of the original requests only).
    /// </summary>
    [Fact]
    public async Task JournaledChangesAreReplayedOnceAcrossTwoSigkills()
    {
        var options = new MotoServerOptions { Executable = RepoPaths.EmulatorLauncher, Port = FreePort.Pick(), StateFile = Path.Combine(_directory, "moto-state.pickle") };
        var bucket = TestNames.Unique("journal");
        var table = TestNames.Unique("journal");
        string queueUrl, uploadId;

        var server = await MotoServer.StartAsync(options);
        var cli = Cli(server);
        await cli.RunAsync("dynamodb", "create-table", "--table-name", table, "--attribute-definitions", "AttributeName=k,AttributeType=S",
            "--key-schema", "AttributeName=k,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        await cli.RunAsync("s3api", "create-bucket", "--bucket", bucket);
        queueUrl = await CreateQueueAsync(cli, TestNames.Unique("journal"));
        var queueArn = (await cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "QueueArn"))!
            .Value.GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
        await cli.RunAsync("s3api", "put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration",
            JsonSerializer.Serialize(new { QueueConfigurations = new[] { new { QueueArn = queueArn, Events = new[] { "s3:ObjectCreated:*" } } } }));
        await cli.RunAsync("sqs", "purge-queue", "--queue-url", queueUrl);
        await PutAsync(cli, bucket, "kept.csv", "a,b\n1,2\n");
        // A form-typed body: moto would parse it as a form unless the replay sees the request as moto first did.
        await PutAsync(cli, bucket, "form.csv", "a=1&b=2\n", "application/x-www-form-urlencoded");
        for (var i = 0; i < 3; i++)
        {
            await AddOneAsync(cli, table);
        }

        uploadId = (await cli.RunAsync("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "parts.bin"))!.Value.GetProperty("UploadId").GetString()!;
        await UploadPartAsync(cli, bucket, uploadId, new string('x', 5 * 1024 * 1024));

        server = await KillAndRestartAsync(server, options);
        cli = Cli(server);
        Assert.Equal("3", await CounterAsync(cli, table));
        Assert.Equal("a,b\n1,2\n", await GetAsync(cli, bucket, "kept.csv"));
        Assert.Equal("a=1&b=2\n", await GetAsync(cli, bucket, "form.csv"));
        var upload = Assert.Single((await cli.RunAsync("s3api", "list-multipart-uploads", "--bucket", bucket))!.Value.GetProperty("Uploads").EnumerateArray());
        Assert.Equal("parts.bin", upload.GetProperty("Key").GetString());
        uploadId = upload.GetProperty("UploadId").GetString()!;
        await AddOneAsync(cli, table);

        await using (server = await KillAndRestartAsync(server, options))
        {
            cli = Cli(server);
            Assert.Equal("4", await CounterAsync(cli, table));
            var part = Assert.Single((await cli.RunAsync("s3api", "list-parts", "--bucket", bucket, "--key", "parts.bin", "--upload-id", uploadId))!.Value.GetProperty("Parts").EnumerateArray());
            await cli.RunAsync("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", "parts.bin", "--upload-id", uploadId, "--multipart-upload",
                JsonSerializer.Serialize(new { Parts = new[] { new { ETag = part.GetProperty("ETag").GetString(), PartNumber = 1 } } }));
            Assert.Equal(5 * 1024 * 1024, (await cli.RunAsync("s3api", "head-object", "--bucket", bucket, "--key", "parts.bin"))!.Value.GetProperty("ContentLength").GetInt64());

            var events = new List<string>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                events.AddRange((await ReceiveAsync(cli, queueUrl, visibility: 600)).Select(m => m.GetProperty("Body").GetString()!));
            }

            // kept.csv's event once, then the completed upload's (moto sends Put and CompleteMultipartUpload for it).
            Assert.Single(events, e => e.Contains("kept.csv", StringComparison.Ordinal));
            Assert.Single(events, e => e.Contains("form.csv", StringComparison.Ordinal));
            Assert.All(events, e => Assert.True(e.Contains("kept.csv", StringComparison.Ordinal) || e.Contains("form.csv", StringComparison.Ordinal)
                || e.Contains("parts.bin", StringComparison.Ordinal), e));
        }
    }

    /// <summary>
    /// A writer killed mid-PUT: S3 answers IncompleteBody and stores nothing. The journaled emulator had stored what
    /// arrived, cut off; under the checksum an SDK declares, every later GET of it failed "Expected hash not equal to
    /// calculated hash" (most likely a chaos CI failure's cause: a process SIGKILLed while it wrote an object).
    /// </summary>
    [Fact]
    public async Task APutWhoseBodyEndsBeforeItsContentLengthIsRefusedAndStoresNothing()
    {
        var options = new MotoServerOptions { Executable = RepoPaths.EmulatorLauncher, StateFile = Path.Combine(_directory, "moto-state.pickle") };
        var bucket = TestNames.Unique("cut");
        var bytes = new byte[300_000];
        new Random(15).NextBytes(bytes);
        await using var server = await MotoServer.StartAsync(options);
        await Cli(server).RunAsync("s3api", "create-bucket", "--bucket", bucket);
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey),
            new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = EmulatorFixture.Region });
        var url = new Uri(await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "cut.bin", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
        }));

        var answer = await PutCutOffAsync(url, bytes, sent: 100_000);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("<Code>IncompleteBody</Code>", answer, StringComparison.Ordinal);
        var head = await Assert.ThrowsAsync<AwsCliException>(() => Cli(server).RunAsync("s3api", "head-object", "--bucket", bucket, "--key", "cut.bin"));
        Assert.Contains("Not Found", head.Message, StringComparison.Ordinal);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "cut.bin", InputStream = new MemoryStream(bytes) });
        using var stored = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "cut.bin", ChecksumMode = ChecksumMode.ENABLED });
        using var buffer = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(buffer);
        Assert.Equal(bytes, buffer.ToArray());
    }

    /// <summary>A PUT of <paramref name="bytes"/> whose writer stops after <paramref name="sent"/> of them: what the server answers.</summary>
    private static async Task<string> PutCutOffAsync(Uri url, byte[] bytes, int sent)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        var head = $"PUT {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: {bytes.Length}\r\nContent-Type: application/octet-stream\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes.AsMemory(0, sent));
        tcp.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<MotoServer> KillAndRestartAsync(MotoServer server, MotoServerOptions options)
    {
        using (var process = Process.GetProcessById(server.ProcessId))
        {
            process.Kill(); // SIGKILL: nothing saved on the way out; the journal is all there is
            await process.WaitForExitAsync();
        }

        await server.DisposeAsync();
        return await MotoServer.StartAsync(options);
    }

    private static Task AddOneAsync(AwsCli cli, string table) =>
        cli.RunAsync("dynamodb", "update-item", "--table-name", table, "--key", """{"k":{"S":"counter"}}""",
            "--update-expression", "ADD n :one", "--expression-attribute-values", """{":one":{"N":"1"}}""");

    private static async Task<string> CounterAsync(AwsCli cli, string table) =>
        (await cli.RunAsync("dynamodb", "get-item", "--table-name", table, "--key", """{"k":{"S":"counter"}}""", "--consistent-read"))!
            .Value.GetProperty("Item").GetProperty("n").GetProperty("N").GetString()!;

    private static async Task UploadPartAsync(AwsCli cli, string bucket, string uploadId, string content)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content);
            await cli.RunAsync("s3api", "upload-part", "--bucket", bucket, "--key", "parts.bin", "--upload-id", uploadId, "--part-number", "1", "--body", file);
        }
        finally
        {
            File.Delete(file);
        }
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

    private static async Task PutAsync(AwsCli cli, string bucket, string key, string content, string contentType = "text/csv")
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content);
            await cli.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file, "--content-type", contentType);
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
