using System.Text.Json;
using Lake.Aws.Sns;
using Lake.Aws.Sqs;
using Lake.Testing;

namespace Lake.TransformService.Tests;

/// <summary>An SQS queue subscribed to the lake's alerts topic (raw delivery): what an operator's inbox would get.</summary>
internal sealed class AlertInbox(SqsClient sqs, string queueUrl)
{
    public static async Task<AlertInbox> SubscribeAsync(TestLake lake)
    {
        var sqs = lake.Clients.Sqs;
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"{lake.Options.AlertsTopic}-inbox" })).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = { QueueAttributeName.QueueArn } })).QueueARN!;
        var topic = (await lake.Clients.Sns.CreateTopicAsync(new CreateTopicRequest { Name = lake.Options.AlertsTopic })).TopicArn;
        await lake.Clients.Sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = topic,
            Protocol = "sqs",
            Endpoint = arn,
            Attributes = { ["RawMessageDelivery"] = "true" },
        });
        return new AlertInbox(sqs, url);
    }

    /// <summary>The next alert whose <c>type</c> attribute is <paramref name="type"/>: its JSON body.</summary>
    public async Task<JsonElement> WaitForAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 2,
                MessageAttributeNames = { "All" },
            });
            foreach (var message in received.Messages)
            {
                await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle });
                if (message.MessageAttributes.GetValueOrDefault("type")?.StringValue == type)
                {
                    return JsonDocument.Parse(message.Body).RootElement.Clone();
                }
            }
        }

        throw new TimeoutException($"No '{type}' alert within {timeout}.");
    }
}
