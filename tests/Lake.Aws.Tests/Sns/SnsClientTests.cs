using System.Net;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Aws.Sns;
using Lake.Testing;

namespace Lake.Aws.Tests.Sns;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SnsClientTests(EmulatorFixture fixture) : IDisposable
{
    private readonly SnsClient _sns = new(EmulatorClients.Options(fixture));
    private readonly IAmazonSQS _sqs = fixture.AwsOptions.CreateServiceClient<IAmazonSQS>();

    public void Dispose()
    {
        _sns.Dispose();
        _sqs.Dispose();
    }

    [Fact]
    public async Task CreatingATopicReturnsItsArnAndCreatingItAgainReturnsTheSameArn()
    {
        var name = TestNames.Unique("alerts");

        var created = await _sns.CreateTopicAsync(new CreateTopicRequest { Name = name, Attributes = { ["DisplayName"] = "Lake alerts" } });
        var again = await _sns.CreateTopicAsync(new CreateTopicRequest { Name = name, Attributes = { ["DisplayName"] = "Lake alerts" } });

        Assert.Equal($"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{name}", created.TopicArn);
        Assert.Equal(created.TopicArn, again.TopicArn);
        var attributes = await fixture.Cli.RunAsync("sns", "get-topic-attributes", "--topic-arn", created.TopicArn);
        Assert.Equal("Lake alerts", attributes!.Value.GetProperty("Attributes").GetProperty("DisplayName").GetString());
    }

    [Fact]
    public async Task A_queue_subscription_is_listed_with_its_protocol_endpoint_and_owner()
    {
        var topicArn = await CreateTopicAsync("listed");
        var (_, queueArn) = await CreateQueueAsync("listed-sub");

        var subscribed = await _sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = topicArn,
            Protocol = "sqs",
            Endpoint = queueArn,
            Attributes = { ["RawMessageDelivery"] = "true" },
            ReturnSubscriptionArn = true,
        });
        var listed = await _sns.ListSubscriptionsByTopicAsync(new ListSubscriptionsByTopicRequest { TopicArn = topicArn });

        Assert.StartsWith(topicArn + ":", subscribed.SubscriptionArn);
        var subscription = Assert.Single(listed.Subscriptions);
        Assert.Equal(subscribed.SubscriptionArn, subscription.SubscriptionArn);
        Assert.Equal("sqs", subscription.Protocol);
        Assert.Equal(queueArn, subscription.Endpoint);
        Assert.Equal(topicArn, subscription.TopicArn);
        Assert.Equal(EmulatorFixture.AccountId, subscription.Owner);
        Assert.Null(listed.NextToken);
    }

    [Fact]
    public async Task PublishingToATopicDeliversTheMessageInAnSnsEnvelopeToASubscribedQueue()
    {
        var topicArn = await CreateTopicAsync("envelope");
        var (queueUrl, queueArn) = await CreateQueueAsync("envelope-sub");
        await _sns.SubscribeAsync(new SubscribeRequest { TopicArn = topicArn, Protocol = "sqs", Endpoint = queueArn });

        var published = await _sns.PublishAsync(new PublishRequest
        {
            TopicArn = topicArn,
            Message = "3 rows failed validation & were quarantined",
            Subject = "Quarantine threshold exceeded",
            MessageAttributes = { ["dataset"] = new() { DataType = "String", StringValue = "orders" } },
        });
        var delivered = Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5 })).Messages ?? []);

        var envelope = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("Notification", envelope.GetProperty("Type").GetString());
        Assert.Equal(published.MessageId, envelope.GetProperty("MessageId").GetString());
        Assert.Equal(topicArn, envelope.GetProperty("TopicArn").GetString());
        Assert.Equal("Quarantine threshold exceeded", envelope.GetProperty("Subject").GetString());
        Assert.Equal("3 rows failed validation & were quarantined", envelope.GetProperty("Message").GetString());
        var attribute = envelope.GetProperty("MessageAttributes").GetProperty("dataset");
        Assert.Equal("String", attribute.GetProperty("Type").GetString());
        Assert.Equal("orders", attribute.GetProperty("Value").GetString());
    }

    [Fact]
    public async Task PublishingWithRawDeliveryPutsTheBareMessageAndItsAttributesOnTheQueue()
    {
        var topicArn = await CreateTopicAsync("raw");
        var (queueUrl, queueArn) = await CreateQueueAsync("raw-sub");
        await _sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = topicArn,
            Protocol = "sqs",
            Endpoint = queueArn,
            Attributes = { ["RawMessageDelivery"] = "true" },
        });

        await _sns.PublishAsync(new PublishRequest
        {
            TopicArn = topicArn,
            Message = """{"uploadId":"u-42"}""",
            MessageAttributes = { ["rows"] = new() { DataType = "Number", StringValue = "17" } },
        });
        var delivered = Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            WaitTimeSeconds = 5,
            MessageAttributeNames = ["All"],
        })).Messages ?? []);

        Assert.Equal("""{"uploadId":"u-42"}""", delivered.Body);
        Assert.Equal("Number", delivered.MessageAttributes["rows"].DataType);
        Assert.Equal("17", delivered.MessageAttributes["rows"].StringValue);
    }

    [Fact]
    public async Task PublishingToAMissingTopicFailsWithTheQueryErrorCodeAndRequestId()
    {
        var missing = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{TestNames.Unique("nowhere")}";

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _sns.PublishAsync(new PublishRequest { TopicArn = missing, Message = "lost" }));

        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Equal("SNS", error.ServiceName);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.StartsWith("SNS NotFound: ", error.Message);
    }

    private async Task<string> CreateTopicAsync(string suffix) =>
        (await _sns.CreateTopicAsync(new CreateTopicRequest { Name = TestNames.Unique(suffix) })).TopicArn;

    private async Task<(string Url, string Arn)> CreateQueueAsync(string suffix)
    {
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique(suffix) })).QueueUrl;
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] });
        return (url, attributes.QueueARN!);
    }
}
