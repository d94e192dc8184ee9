using System.Text.Json;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.BadInput.Tests;

/// <summary>
/// The whole pipeline as real processes on one emulator: the ingest API, the Lambda emulator running the validate
/// function on the validate queue, and the transform service. Short retry delays, so a poison message reaches its
/// dead-letter queue within seconds.
/// </summary>
public sealed class BadInputLake : IAsyncLifetime
{
    public const string ApiKey = "bad-input-corpus-key";

    private readonly EmulatorFixture _aws = new();
    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"lake-bad-input-{Guid.NewGuid():N}");

    public EmulatorFixture Aws => _aws;

    public TestLake Lake { get; private set; } = null!;

    public ServiceProcess LambdaEmulator { get; private set; } = null!;

    public ServiceProcess Transform { get; private set; } = null!;

    public ServiceProcess IngestApi { get; private set; } = null!;

    public AlertInbox Alerts { get; private set; } = null!;

    public UploadStatusStore Status => new(Lake.Clients.DynamoDb, Lake.Options.StatusTable);

    public IngestApiClient Client => new(IngestApi.BaseAddress, ApiKey);

    public async Task InitializeAsync()
    {
        await _aws.InitializeAsync();
        Lake = new TestLake(_aws);
        await Lake.Provisioner.ProvisionAsync();
        Alerts = await AlertInbox.SubscribeAsync(Lake);
        LambdaEmulator = await ValidateFunctionHost.StartAsync(_aws.AwsEnvironment, Lake.Options, retryAfterSeconds: 2);
        Transform = await ServiceProcess.StartAsync("services/Lake.TransformService", ServiceEnvironment.For(_aws.AwsEnvironment, Lake.Options,
            ("Transform__TempDirectory", _temp), ("Transform__RetryDelaySeconds", "1"), ("Transform__LongPollSeconds", "1")));
        IngestApi = await ServiceProcess.StartAsync("services/Lake.IngestApi", ServiceEnvironment.For(_aws.AwsEnvironment, Lake.Options, ("IngestApi__ApiKeys__0", ApiKey)));
    }

    /// <summary>Waits until the upload reached a final stage (Cataloged, Rejected or Failed) and returns its status.</summary>
    public async Task<UploadStatus> FinalAsync(UploadId id, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        var deadline = DateTime.UtcNow + limit;
        UploadStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await Status.GetAsync(id);
            }
            catch (KeyNotFoundException)
            {
                // moto shows an item half-written while the service updates it; read again.
            }

            if (status is { } known && known.Stage.IsFinal())
            {
                return known;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"upload {id} is {status?.Stage.ToString() ?? "unknown"} after {limit}.\nLambda emulator:\n{string.Join('\n', LambdaEmulator.Output.TakeLast(15))}\nTransform:\n{string.Join('\n', Transform.Output.TakeLast(15))}");
    }

    /// <summary>Writes <paramref name="content"/> straight into the raw bucket, as <c>aws s3 cp</c> would, and returns its ETag.</summary>
    public async Task<string> PutRawAsync(string key, byte[] content)
    {
        var response = await Lake.Clients.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Lake.Options.Buckets.Raw,
            Key = key,
            InputStream = new MemoryStream(content),
        });
        return response.ETag;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string bucket, string prefix)
    {
        var listed = await Lake.Clients.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return [.. (listed.S3Objects ?? []).Select(o => o.Key)];
    }

    /// <summary>Sends <paramref name="body"/> to the queue and returns the message's id.</summary>
    public async Task<string> SendAsync(string queueName, string body)
    {
        var url = (await Lake.Clients.Sqs.GetQueueUrlAsync(queueName)).QueueUrl;
        return (await Lake.Clients.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body })).MessageId;
    }

    /// <summary>Waits until a dead-letter queue holds a message whose body is <paramref name="body"/>.</summary>
    public async Task<Message> DeadLetterAsync(string deadLetterQueue, string body, TimeSpan timeout)
    {
        var url = (await Lake.Clients.Sqs.GetQueueUrlAsync(deadLetterQueue)).QueueUrl;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var received = await Lake.Clients.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 0 });
            if ((received.Messages ?? []).FirstOrDefault(m => m.Body == body) is { } found)
            {
                return found;
            }
        }

        throw new TimeoutException($"no dead letter with the body {body} in {deadLetterQueue} after {timeout}");
    }

    /// <summary>Waits until a queue holds no message, visible or in flight.</summary>
    public async Task WaitForEmptyAsync(string queueName, TimeSpan timeout)
    {
        var url = (await Lake.Clients.Sqs.GetQueueUrlAsync(queueName)).QueueUrl;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var attributes = (await Lake.Clients.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = url,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
            })).Attributes ?? [];
            if (attributes.Values.All(v => v == "0"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{queueName} still holds messages after {timeout}");
            await Task.Delay(250);
        }
    }

    /// <summary>Every service process is still running: no input crashed one.</summary>
    public void AssertAllRunning()
    {
        Assert.False(LambdaEmulator.HasExited, "the Lambda emulator exited");
        Assert.False(Transform.HasExited, "the transform service exited");
        Assert.False(IngestApi.HasExited, "the ingest API exited");
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { IngestApi, Transform, LambdaEmulator })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        Lake?.Dispose();
        await _aws.DisposeAsync();
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputLake>
{
    public const string Name = "bad-input";
}
