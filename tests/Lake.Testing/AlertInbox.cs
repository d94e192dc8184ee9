using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Aws.Sns;

namespace Lake.Testing;

/// <summary>
/// A queue subscribed to the lake's alerts topic with raw delivery, as a user (or the console) subscribes one: what an
/// operator's inbox gets. Every alert received is kept, with its <c>type</c> message attribute.
/// </summary>
public sealed class AlertInbox
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly List<(string? Type, JsonElement Body)> _received = [];

    private AlertInbox(IAmazonSQS sqs, string queueUrl) => (_sqs, _queueUrl) = (sqs, queueUrl);

    public static async Task<AlertInbox> SubscribeAsync(TestLake lake)
    {
        var sqs = lake.Clients.Sqs;
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique("inbox") })).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] })).QueueARN;

        // CreateTopic hands back the provisioned topic when there is one.
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

    /// <summary>The alerts that arrive within about a second, taken off the queue.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceiveAsync()
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _queueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 1,
            MessageAttributeNames = ["All"],
        });
        var alerts = new List<JsonElement>();
        foreach (var message in received.Messages ?? [])
        {
            await _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = _queueUrl, ReceiptHandle = message.ReceiptHandle });
            var body = JsonDocument.Parse(message.Body).RootElement.Clone();
            _received.Add((message.MessageAttributes?.GetValueOrDefault("type")?.StringValue, body));
            alerts.Add(body);
        }

        return alerts;
    }

    /// <summary>The first alert (its JSON body) whose <c>type</c> message attribute is <paramref name="type"/>.</summary>
    public Task<JsonElement> WaitForAsync(string type, TimeSpan timeout) => WaitForAsync(alert => alert.Type == type, timeout);

    /// <summary>The first alert whose JSON body matches <paramref name="predicate"/>.</summary>
    public Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate, TimeSpan timeout) => WaitForAsync(alert => predicate(alert.Body), timeout);

    private async Task<JsonElement> WaitForAsync(Func<(string? Type, JsonElement Body), bool> matches, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(matches) is { Body.ValueKind: JsonValueKind.Object } match)
            {
                return match.Body;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"No matching alert within {timeout}; received {_received.Count}: {string.Join(" | ", _received.Select(alert => alert.Body))}");
            }

            await ReceiveAsync();
        }
    }
}
