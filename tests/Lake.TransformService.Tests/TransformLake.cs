using System.Diagnostics;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Configuration;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>
/// A provisioned, uniquely named lake on the emulator with the transform service running against it as a real
/// process (its own temp directory, configured only by environment variables), and the test's ways in and out:
/// objects written straight to the clean bucket (S3 notifies the transform queue), the status table, the buckets.
/// </summary>
internal sealed class TransformLake : IAsyncDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly Dictionary<string, string> _settings;

    private TransformLake(EmulatorFixture emulator, TestLake lake, Dictionary<string, string> settings)
    {
        _emulator = emulator;
        TestLake = lake;
        _settings = settings;
        Status = new UploadStatusStore(lake.Clients.DynamoDb, lake.Options.StatusTable);
    }

    public TestLake TestLake { get; }

    public ServiceProcess Service { get; private set; } = null!;

    public UploadStatusStore Status { get; }

    public string TempDirectory { get; } = Path.Combine(Path.GetTempPath(), $"lake-transform-service-test-{Guid.NewGuid():N}");

    /// <summary>Where a test writes its own files (made CSVs, downloads); deleted with the lake.</summary>
    public string Files => Directory.CreateDirectory(Path.Combine(TempDirectory, "test-files")).FullName;

    /// <summary>Where the service makes (and must remove) each upload's work directory.</summary>
    public string WorkDirectories => Path.Combine(TempDirectory, "lake-transform", "uploads");

    public static async Task<TransformLake> StartAsync(EmulatorFixture emulator, IReadOnlyDictionary<string, string>? settings = null)
    {
        var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var transform = new TransformLake(emulator, lake, settings?.ToDictionary() ?? []);
        await transform.StartServiceAsync();
        return transform;
    }

    /// <summary>Starts the service (again, after <see cref="StopServiceAsync"/>), with <paramref name="settings"/> over the lake's.</summary>
    public async Task StartServiceAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = _emulator.AwsEnvironment.ToDictionary();
        foreach (var (key, value) in LakeEnvironment.Of(TestLake.Options).Concat(_settings).Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        environment["Transform__TempDirectory"] = TempDirectory;
        environment.TryAdd("Transform__RetryDelaySeconds", "0");
        Service = await ServiceProcess.StartAsync("services/Lake.TransformService", environment);
        using var http = new HttpClient { BaseAddress = Service.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await http.GetAsync("/health")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"/health never answered 200:\n{string.Join('\n', Service.Output.TakeLast(20))}");
            await Task.Delay(200);
        }
    }

    public async Task<int> StopServiceAsync() => await Service.StopAsync();

    /// <summary>Writes <paramref name="csv"/> to the clean zone as the validate function would: <c>{dataset}/{uploadId}.csv</c> with the upload's metadata.</summary>
    /// <param name="again">An upload put before: its object is put again (a redelivered or repeated event).</param>
    public async Task<UploadId> PutCleanAsync(string csv, string fileName = "orders.csv", string? traceParent = null, string dataset = "orders", UploadId? again = null)
    {
        var uploadId = again ?? UploadId.New();
        var request = new PutObjectRequest { BucketName = TestLake.Options.Buckets.Clean, Key = $"{dataset}/{uploadId}.csv", FilePath = csv };
        request.Metadata.Add("upload-id", uploadId.Value);
        request.Metadata.Add("dataset", dataset);
        request.Metadata.Add("original-name", Uri.EscapeDataString(fileName));
        request.Metadata.Add("traceparent", traceParent ?? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01");
        await TestLake.Clients.S3.PutObjectAsync(request);
        return uploadId;
    }

    /// <summary>
    /// Waits until the upload's current stage is <paramref name="stage"/> (for <see cref="UploadStage.Served"/>: until it
    /// is Cataloged with Served in its history); fails at once on another final stage.
    /// </summary>
    public async Task<UploadStatus> WaitForStageAsync(UploadId uploadId, UploadStage stage, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var status = await ReadStatusAsync(uploadId);
            if (stage == UploadStage.Served
                    ? status is { Stage: UploadStage.Cataloged } && status.History.Any(h => h.Stage == stage)
                    : status?.Stage == stage)
            {
                return status;
            }

            Assert.False(status is not null && status.Stage.IsFinal() && status.Stage > stage,
                $"upload {uploadId} is {status?.Stage} ({string.Join(", ", status?.Details ?? new Dictionary<string, string>())}), not {stage}");
            Assert.True(DateTime.UtcNow < deadline,
                $"upload {uploadId} is {status?.Stage.ToString() ?? "unknown"}, not {stage}, after {limit}:\n{string.Join('\n', Service.Output.TakeLast(30))}");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// The upload's status. moto applies an update's SET actions one by one to the stored item, so a read racing the
    /// service's write can see the status item half-made (no Dataset yet); DynamoDB itself never shows that. Read again.
    /// </summary>
    private async Task<UploadStatus?> ReadStatusAsync(UploadId uploadId)
    {
        try
        {
            return await Status.GetAsync(uploadId);
        }
        catch (KeyNotFoundException)
        {
            await Task.Delay(100);
            return await Status.GetAsync(uploadId);
        }
    }

    /// <summary>Every object under <paramref name="prefix"/> of <paramref name="bucket"/>, downloaded under <paramref name="directory"/> by key.</summary>
    public async Task<IReadOnlyList<string>> DownloadAsync(string bucket, string prefix, string directory)
    {
        var keys = await ListAsync(bucket, prefix);
        foreach (var key in keys)
        {
            var path = Path.Combine(directory, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var response = await TestLake.Clients.S3.GetObjectAsync(bucket, key);
            await response.WriteResponseStreamToFileAsync(path, append: false, CancellationToken.None);
        }

        return keys;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string bucket, string prefix)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await TestLake.Clients.S3.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    /// <summary>Sends an S3 event for the clean object <paramref name="key"/>, as S3 itself sends them, to the transform queue.</summary>
    public async Task SendEventAsync(string key)
    {
        var url = await QueueUrlAsync(TestLake.Options.Queues.Transform.Name);
        await TestLake.Clients.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = S3Events.ObjectCreated(TestLake.Options.Buckets.Clean, key) });
    }

    /// <summary>The bodies of the messages in the transform queue's dead-letter queue (received, so hidden for a while).</summary>
    public async Task<IReadOnlyList<Message>> WaitForDeadLettersAsync(int count, TimeSpan timeout)
    {
        var url = await QueueUrlAsync(TestLake.Options.Queues.Transform.DeadLetterQueueName);
        var messages = new List<Message>();
        var deadline = DateTime.UtcNow + timeout;
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            var received = await TestLake.Clients.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] });
            messages.AddRange(received.Messages ?? []);
        }

        Assert.True(messages.Count >= count, $"{messages.Count} of {count} messages in the dead-letter queue after {timeout}:\n{string.Join('\n', Service.Output.TakeLast(30))}");
        return messages;
    }

    /// <summary>The transform queue's visible and in-flight (received, not yet deleted) message counts.</summary>
    public async Task<(int Visible, int InFlight)> QueueDepthAsync()
    {
        var url = await QueueUrlAsync(TestLake.Options.Queues.Transform.Name);
        var attributes = (await TestLake.Clients.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        })).Attributes ?? [];
        return (int.Parse(attributes[QueueAttributeName.ApproximateNumberOfMessages], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(attributes[QueueAttributeName.ApproximateNumberOfMessagesNotVisible], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The upload's status as it is now (null before the first write).</summary>
    public Task<UploadStatus?> StatusAsync(UploadId uploadId) => ReadStatusAsync(uploadId);

    /// <summary>Waits until the transform queue holds no message, visible or in flight.</summary>
    public async Task WaitForEmptyQueueAsync(TimeSpan timeout)
    {
        var url = await QueueUrlAsync(TestLake.Options.Queues.Transform.Name);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var attributes = (await TestLake.Clients.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = url,
                AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
            })).Attributes ?? [];
            if (attributes.Values.All(v => v == "0"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the transform queue still holds messages after {timeout}");
            await Task.Delay(250);
        }
    }

    /// <summary>The orders table as the AWS CLI sees it (<c>aws glue get-table</c>).</summary>
    public async Task<System.Text.Json.JsonElement> CatalogTableAsync() =>
        (await _emulator.Cli.RunAsync("glue", "get-table", "--database-name", TestLake.Options.GlueDatabase, "--name", "orders"))!.Value.GetProperty("Table");

    /// <summary>The orders table's partitions as the AWS CLI sees them (<c>aws glue get-partitions</c>): value → location.</summary>
    public async Task<SortedDictionary<string, string>> CatalogPartitionsAsync()
    {
        var partitions = (await _emulator.Cli.RunAsync("glue", "get-partitions", "--database-name", TestLake.Options.GlueDatabase, "--table-name", "orders"))!.Value.GetProperty("Partitions");
        return new SortedDictionary<string, string>(
            partitions.EnumerateArray().ToDictionary(p => p.GetProperty("Values")[0].GetString()!, p => p.GetProperty("StorageDescriptor").GetProperty("Location").GetString()!),
            StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        TestLake.Dispose();
        if (Directory.Exists(TempDirectory))
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
    }

    private async Task<string> QueueUrlAsync(string name) =>
        (await TestLake.Clients.Sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name })).QueueUrl;
}
