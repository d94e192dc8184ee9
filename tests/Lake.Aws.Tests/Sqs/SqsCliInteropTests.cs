using Lake.Aws.Sqs;
using Lake.Testing;

namespace Lake.Aws.Tests.Sqs;

/// <summary>The AWS CLI as an independent client: what ours sends it receives, and the reverse.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SqsCliInteropTests(EmulatorFixture fixture) : IDisposable
{
    private readonly SqsClient _sqs = new(EmulatorClients.Options(fixture));

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task A_message_our_client_sends_is_received_by_the_cli_with_its_attributes()
    {
        var queueUrl = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique("to-cli") })).QueueUrl;
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = """{"uploadId":"u-7"}""",
            MessageAttributes = { ["dataset"] = new() { DataType = "String", StringValue = "orders" } },
        });

        var received = await fixture.Cli.RunAsync("sqs", "receive-message", "--queue-url", queueUrl,
            "--message-attribute-names", "All", "--message-system-attribute-names", "All");

        var message = Assert.Single(received!.Value.GetProperty("Messages").EnumerateArray());
        Assert.Equal(sent.MessageId, message.GetProperty("MessageId").GetString());
        Assert.Equal("""{"uploadId":"u-7"}""", message.GetProperty("Body").GetString());
        Assert.Equal(sent.MD5OfMessageBody, message.GetProperty("MD5OfBody").GetString());
        Assert.Equal("orders", message.GetProperty("MessageAttributes").GetProperty("dataset").GetProperty("StringValue").GetString());
        Assert.Equal("1", message.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
    }

    [Fact]
    public async Task A_message_the_cli_sends_to_a_cli_created_queue_is_received_by_our_client()
    {
        var name = TestNames.Unique("from-cli");
        var queueUrl = (await fixture.Cli.RunAsync("sqs", "create-queue", "--queue-name", name))!.Value.GetProperty("QueueUrl").GetString()!;
        var sent = await fixture.Cli.RunAsync("sqs", "send-message", "--queue-url", queueUrl, "--message-body", "from the cli",
            "--message-attributes", """{"rows":{"DataType":"Number","StringValue":"12"}}""");

        var found = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name });
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = found.QueueUrl, MessageAttributeNames = ["All"] });

        Assert.Equal(queueUrl, found.QueueUrl);
        var message = Assert.Single(received.Messages);
        Assert.Equal(sent!.Value.GetProperty("MessageId").GetString(), message.MessageId);
        Assert.Equal("from the cli", message.Body);
        Assert.Equal("Number", message.MessageAttributes["rows"].DataType);
        Assert.Equal("12", message.MessageAttributes["rows"].StringValue);
    }

    [Fact]
    public async Task QueueAttributesAndTagsOurClientSetsAreWhatTheCliReads()
    {
        var queueUrl = (await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = TestNames.Unique("attrs"),
            Attributes = { [QueueAttributeName.ReceiveMessageWaitTimeSeconds] = "5" },
            Tags = { ["lake:zone"] = "raw" },
        })).QueueUrl;

        var attributes = await fixture.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "All");
        var tags = await fixture.Cli.RunAsync("sqs", "list-queue-tags", "--queue-url", queueUrl);

        Assert.Equal("5", attributes!.Value.GetProperty("Attributes").GetProperty("ReceiveMessageWaitTimeSeconds").GetString());
        Assert.Equal("raw", tags!.Value.GetProperty("Tags").GetProperty("lake:zone").GetString());
    }
}
