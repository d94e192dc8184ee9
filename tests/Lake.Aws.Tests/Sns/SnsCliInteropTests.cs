using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Aws.Sns;
using Lake.Testing;

namespace Lake.Aws.Tests.Sns;

/// <summary>The AWS CLI as an independent client: subscriptions ours creates it sees, and the reverse.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SnsCliInteropTests(EmulatorFixture fixture) : IDisposable
{
    private readonly SnsClient _sns = new(EmulatorClients.Options(fixture));
    private readonly IAmazonSQS _sqs = fixture.AwsOptions.CreateServiceClient<IAmazonSQS>();

    public void Dispose()
    {
        _sns.Dispose();
        _sqs.Dispose();
    }

    [Fact]
    public async Task A_subscription_our_client_creates_is_listed_by_the_cli()
    {
        var topicArn = (await _sns.CreateTopicAsync(new CreateTopicRequest { Name = TestNames.Unique("ours") })).TopicArn;
        var queueArn = await CreateQueueArnAsync("ours-sub");
        var subscribed = await _sns.SubscribeAsync(new SubscribeRequest { TopicArn = topicArn, Protocol = "sqs", Endpoint = queueArn, ReturnSubscriptionArn = true });

        var listed = await fixture.Cli.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", topicArn);

        var subscription = Assert.Single(listed!.Value.GetProperty("Subscriptions").EnumerateArray());
        Assert.Equal(subscribed.SubscriptionArn, subscription.GetProperty("SubscriptionArn").GetString());
        Assert.Equal("sqs", subscription.GetProperty("Protocol").GetString());
        Assert.Equal(queueArn, subscription.GetProperty("Endpoint").GetString());
    }

    [Fact]
    public async Task A_subscription_the_cli_creates_is_listed_by_our_client()
    {
        var topicArn = (await fixture.Cli.RunAsync("sns", "create-topic", "--name", TestNames.Unique("cli")))!.Value.GetProperty("TopicArn").GetString()!;
        var queueArn = await CreateQueueArnAsync("cli-sub");
        var subscribed = await fixture.Cli.RunAsync("sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs",
            "--notification-endpoint", queueArn, "--return-subscription-arn");

        var listed = await _sns.ListSubscriptionsByTopicAsync(new ListSubscriptionsByTopicRequest { TopicArn = topicArn });

        var subscription = Assert.Single(listed.Subscriptions);
        Assert.Equal(subscribed!.Value.GetProperty("SubscriptionArn").GetString(), subscription.SubscriptionArn);
        Assert.Equal(topicArn, subscription.TopicArn);
        Assert.Equal(queueArn, subscription.Endpoint);
        Assert.Equal("sqs", subscription.Protocol);
    }

    private async Task<string> CreateQueueArnAsync(string suffix)
    {
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique(suffix) })).QueueUrl;
        return (await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] })).QueueARN!;
    }
}
