using System.Diagnostics;
using Lake.Aws.Sqs;
using Lake.Testing;

namespace Lake.Aws.Tests.Sqs;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SqsMessageTests(EmulatorFixture fixture) : IDisposable
{
    private readonly SqsClient _sqs = new(EmulatorClients.Options(fixture));

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task A_sent_message_is_received_with_its_body_and_attributes_and_is_gone_once_deleted()
    {
        var queueUrl = await CreateQueueAsync("roundtrip");
        var body = """{"uploadId":"u-1","note":"ünïcödé & <xml> \"quotes\""}""";

        var sent = await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = body,
            MessageAttributes =
            {
                ["traceparent"] = new() { DataType = "String", StringValue = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
                ["attempt"] = new() { DataType = "Number", StringValue = "3" },
            },
        });
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = 10,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = [MessageSystemAttributeName.All],
        });

        var message = Assert.Single(received.Messages);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(body, message.Body);
        Assert.Equal(sent.MD5OfMessageBody, message.MD5OfBody);
        Assert.Equal(Md5Hex(body), message.MD5OfBody);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", message.MessageAttributes["traceparent"].StringValue);
        Assert.Equal("Number", message.MessageAttributes["attempt"].DataType);
        Assert.Equal("3", message.MessageAttributes["attempt"].StringValue);
        Assert.Equal("1", message.Attributes[MessageSystemAttributeName.ApproximateReceiveCount]);
        Assert.True(long.Parse(message.Attributes[MessageSystemAttributeName.SentTimestamp]) > 0);
        Assert.False(string.IsNullOrEmpty(message.ReceiptHandle));

        await _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle });
        var counts = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        });
        Assert.Equal(0, counts.ApproximateNumberOfMessages);
        Assert.Equal("0", counts.Attributes[QueueAttributeName.ApproximateNumberOfMessagesNotVisible]);
        Assert.Empty((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl })).Messages);
    }

    [Fact]
    public async Task ChangingVisibilityToZeroMakesAMessageReceivableAgainWithAReceiveCountOfTwo()
    {
        var queueUrl = await CreateQueueAsync("visibility");
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = "retry me" });
        var request = new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            VisibilityTimeout = 300,
            MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
        };
        var first = Assert.Single((await _sqs.ReceiveMessageAsync(request)).Messages);
        Assert.Empty((await _sqs.ReceiveMessageAsync(request)).Messages);

        await _sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
        {
            QueueUrl = queueUrl,
            ReceiptHandle = first.ReceiptHandle,
            VisibilityTimeout = 0,
        });
        var second = Assert.Single((await _sqs.ReceiveMessageAsync(request)).Messages);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal("retry me", second.Body);
        Assert.Equal("2", second.Attributes[MessageSystemAttributeName.ApproximateReceiveCount]);
    }

    [Fact]
    public async Task A_message_batch_reports_the_entries_that_failed_next_to_those_that_were_sent()
    {
        var queueUrl = await CreateQueueAsync("batch");

        var sent = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = queueUrl,
            Entries =
            [
                new() { Id = "first", MessageBody = "one", MessageAttributes = { ["kind"] = new() { StringValue = "a" } } },
                new() { Id = "second", MessageBody = "two", DelaySeconds = 0 },
                new() { Id = "too-late", MessageBody = "three", DelaySeconds = 901 },
            ],
        });

        Assert.Equal(["first", "second"], sent.Successful.Select(entry => entry.Id).Order());
        Assert.All(sent.Successful, entry => Assert.False(string.IsNullOrEmpty(entry.MessageId)));
        Assert.Equal(Md5Hex("one"), sent.Successful.Single(entry => entry.Id == "first").MD5OfMessageBody);
        var failed = Assert.Single(sent.Failed);
        Assert.Equal("too-late", failed.Id);
        Assert.Equal("InvalidParameterValue", failed.Code);
        Assert.True(failed.SenderFault);

        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"] });
        Assert.Equal(["one", "two"], received.Messages.Select(message => message.Body).Order());
        Assert.Equal("a", received.Messages.Single(message => message.Body == "one").MessageAttributes["kind"].StringValue);

        var deleted = await _sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = queueUrl,
            Entries =
            [
                .. received.Messages.Select((message, i) => new DeleteMessageBatchRequestEntry { Id = $"m{i}", ReceiptHandle = message.ReceiptHandle }),
                new() { Id = "bogus", ReceiptHandle = "not-a-receipt-handle" },
            ],
        });

        Assert.Equal(["m0", "m1"], deleted.Successful.Select(entry => entry.Id).Order());
        var invalid = Assert.Single(deleted.Failed);
        Assert.Equal("bogus", invalid.Id);
        Assert.Equal("ReceiptHandleIsInvalid", invalid.Code);
        Assert.True(invalid.SenderFault);
    }

    [Fact]
    public async Task LongPollingAnEmptyQueueWaitsTheGivenSecondsAndReturnsNoMessages()
    {
        var queueUrl = await CreateQueueAsync("empty");
        var clock = Stopwatch.StartNew();

        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1 });

        Assert.Empty(received.Messages);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    private async Task<string> CreateQueueAsync(string suffix) =>
        (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique(suffix) })).QueueUrl;

    private static string Md5Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
