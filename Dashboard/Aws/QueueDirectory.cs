using System.Collections.Concurrent;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Lake.Dashboard.Aws;

/// <summary>How many messages a queue holds: waiting, and received but not yet deleted.</summary>
public sealed record QueueDepth(string Name, bool Exists, int Waiting, int InFlight);

/// <summary>
/// Queue names resolved to URLs when first needed (the dashboard may start before the lake is provisioned) and
/// remembered once found. Thread-safe.
/// </summary>
internal sealed class QueueDirectory(IAmazonSQS sqs)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public IAmazonSQS Sqs => sqs;

    /// <summary>The queue's URL, or null while it does not exist.</summary>
    public async Task<string?> FindUrlAsync(string name, CancellationToken cancellationToken)
    {
        if (_urls.TryGetValue(name, out var known))
        {
            return known;
        }

        try
        {
            var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
            return _urls[name] = url;
        }
        catch (QueueDoesNotExistException)
        {
            return null;
        }
    }

    public async Task<QueueDepth> DepthAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindUrlAsync(name, cancellationToken) is not { } url)
        {
            return new QueueDepth(name, false, 0, 0);
        }

        var attributes = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        }, cancellationToken)).Attributes ?? [];
        return new QueueDepth(name, true, Count(attributes, QueueAttributeName.ApproximateNumberOfMessages),
            Count(attributes, QueueAttributeName.ApproximateNumberOfMessagesNotVisible));
    }

    private static int Count(Dictionary<string, string> attributes, string name) =>
        int.TryParse(attributes.GetValueOrDefault(name), out var value) ? value : 0;
}
