using System.Text.Json;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Ingestion.Tests;

/// <summary>
/// The validate function failing its init phase (a bad setting), each part a real process: the runtime reports the
/// error on <c>POST /runtime/init/error</c>, the Lambda emulator fails the waiting invocation with it
/// (<c>Runtime.InitError</c>) instead of holding it for a process that never comes, and the upload's S3 event is not
/// lost: it comes back after each failed receive and, after the last, the queue's redrive moves it to the dead-letter
/// queue (which the dead-letters alarm watches).
/// </summary>
[Collection(IngestionCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class InitErrorTests(IngestionFixture fixture) : IAsyncLifetime
{
    private const string BadSetting = "Lake__Queues__MaxReceiveCount";
    private const string Refusal = "Lake:Queues:MaxReceiveCount 0 is outside 1-1000.";
    private const int RetryAfterSeconds = 3;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"lake-init-error-{Guid.NewGuid():N}");
    private TestLake _lake = null!;
    private ServiceProcess? _lambda;

    public async Task InitializeAsync()
    {
        _lake = new TestLake(fixture.Aws);
        await _lake.Provisioner.ProvisionAsync();
        Directory.CreateDirectory(_directory);
        _lambda = await ValidateFunctionHost.StartAsync(fixture.Aws.AwsEnvironment, _lake.Options, RetryAfterSeconds,
            new Dictionary<string, string> { [BadSetting] = "0" }, ready: "failed to initialise");
    }

    public async Task DisposeAsync()
    {
        if (_lambda is not null)
        {
            await _lambda.DisposeAsync();
        }

        _lake.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task AFailedInitFailsTheInvocationsAndTheUploadsEventEndsInTheDeadLetterQueue()
    {
        var lambda = _lambda!;

        // The runtime posted the init error, with the setting's message, to the emulator's Runtime API; the process
        // ended (and is restarted, failing again) rather than polling for invocations it cannot run.
        var reported = lambda.Output.First(line => line.Contains("validate: process", StringComparison.Ordinal) && line.Contains("failed to initialise", StringComparison.Ordinal));
        Assert.Contains("(Unhandled.OptionsValidationException)", reported, StringComparison.Ordinal);
        Assert.Contains(Refusal, reported, StringComparison.Ordinal);
        await lambda.WaitForOutputAsync(line => line.Contains("validate: process", StringComparison.Ordinal) && line.Contains("exited with 1; restarting", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        // An invocation through the AWS CLI fails with the init error: the function's error document, as Lambda answers.
        var output = Path.Combine(_directory, "invoke.json");
        var result = (await new AwsCli(lambda.BaseAddress, EmulatorFixture.Region, EmulatorFixture.AccessKey, EmulatorFixture.SecretKey).RunAsync("lambda", "invoke", "--function-name", "validate", "--payload", "{}", output))!.Value;
        Assert.Equal((200, "Unhandled"), (result.GetProperty("StatusCode").GetInt32(), result.GetProperty("FunctionError").GetString()));
        var error = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
        Assert.Equal(("OptionsValidationException", Refusal), (error.GetProperty("errorType").GetString(), error.GetProperty("errorMessage").GetString()));

        // An upload's S3 event: every receive fails with the init error, none is lost.
        var id = UploadId.New();
        var key = $"orders/ingest_date=2024-05-01/{id}.csv";
        await _lake.Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = _lake.Options.Buckets.Raw, Key = key, ContentBody = "order_id,order_date\n1,2024-05-01\n" });

        var dead = await WaitForDeadLetterAsync(id, TimeSpan.FromMinutes(5));
        var receives = int.Parse(dead.Attributes[MessageSystemAttributeName.ApproximateReceiveCount.Value], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(receives >= 3, $"dead-lettered after {receives} receives");
        var failedBatches = lambda.Output.Count(line => line.Contains("validate: batch of", StringComparison.Ordinal) && line.Contains("failed (Runtime.InitError); it returns to the queue", StringComparison.Ordinal));
        Assert.True(failedBatches >= 3, $"{failedBatches} batches failed with Runtime.InitError:\n{string.Join('\n', lambda.Output.TakeLast(30))}");
        Assert.Null(await new UploadStatusStore(_lake.Clients.DynamoDb, _lake.Options.StatusTable).GetAsync(id));
        Assert.Equal((0, 0), await QueueDepthAsync(_lake.Options.Queues.Validate.Name));
    }

    /// <summary>The validate dead-letter queue's message whose S3 event names the upload's object (its key URL-encoded there).</summary>
    private async Task<Message> WaitForDeadLetterAsync(UploadId id, TimeSpan timeout)
    {
        var sqs = _lake.Clients.Sqs;
        var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = _lake.Options.Queues.Validate.DeadLetterQueueName })).QueueUrl;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                // Visible again at once: left as the redrive left it.
                QueueUrl = url, WaitTimeSeconds = 2, MaxNumberOfMessages = 10, VisibilityTimeout = 0,
                MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
            });
            if (received.Messages?.FirstOrDefault(m => m.Body.Contains($"{id}.csv", StringComparison.Ordinal)) is { } dead)
            {
                return dead;
            }
        }

        Assert.Fail($"The S3 event of upload {id} did not reach {_lake.Options.Queues.Validate.DeadLetterQueueName} within {timeout}:\n{string.Join('\n', _lambda!.Output.TakeLast(30))}");
        return null!;
    }

    private async Task<(int Visible, int InFlight)> QueueDepthAsync(string queue)
    {
        var sqs = _lake.Clients.Sqs;
        var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue })).QueueUrl;
        var attributes = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        })).Attributes ?? [];
        return (int.Parse(attributes[QueueAttributeName.ApproximateNumberOfMessages], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(attributes[QueueAttributeName.ApproximateNumberOfMessagesNotVisible], System.Globalization.CultureInfo.InvariantCulture));
    }
}
