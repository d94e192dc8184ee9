using System.Text.Json;
using Lake.Aws.Sns;
using Lake.Aws.Sqs;
using Lake.Testing;

namespace Lake.Ingestion.Tests;

/// <summary>A queue subscribed to the lake's alerts topic (raw delivery), as a user or the dashboard subscribes one.</summary>
internal sealed class AlertInbox
{
    private readonly TestLake _lake;
    private readonly string _queueUrl;
    private readonly List<JsonElement> _seen = [];

    private AlertInbox(TestLake lake, string queueUrl) => (_lake, _queueUrl) = (lake, queueUrl);

    public static async Task<AlertInbox> SubscribeAsync(TestLake lake)
    {
        var sqs = lake.Clients.Sqs;
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique("inbox") })).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = { QueueAttributeName.QueueArn } })).QueueARN!;
        var topic = (await lake.Clients.Sns.CreateTopicAsync(new CreateTopicRequest { Name = lake.Options.AlertsTopic })).TopicArn;
        await lake.Clients.Sns.SubscribeAsync(new SubscribeRequest { TopicArn = topic, Protocol = "sqs", Endpoint = arn, Attributes = { ["RawMessageDelivery"] = "true" } });
        return new AlertInbox(lake, url);
    }

    /// <summary>The first alert matching <paramref name="predicate"/>, waiting up to 30 s for it.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_seen.FirstOrDefault(predicate) is { ValueKind: JsonValueKind.Object } match)
            {
                return match;
            }

            var received = await _lake.Clients.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, WaitTimeSeconds = 1, MaxNumberOfMessages = 10 });
            _seen.AddRange(received.Messages.Select(m => JsonDocument.Parse(m.Body).RootElement.Clone()));
        }

        throw new TimeoutException($"No matching alert within 30 s; saw {_seen.Count}: {string.Join(" | ", _seen)}");
    }
}
