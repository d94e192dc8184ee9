using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Monitoring;

/// <summary>
/// The dead-letter queues' depths (validate's and transform's), read with GetQueueAttributes and published as the
/// gauge <c>lake.queue.dead_letters</c> (tag <c>queue</c>). A queue that cannot be read is left out until it can.
/// </summary>
public sealed class DeadLetterDepth
{
    private readonly IAmazonSQS _sqs;
    private readonly string[] _queues;
    private readonly ConcurrentDictionary<string, long> _depths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public DeadLetterDepth(IAmazonSQS sqs, IOptions<LakeOptions> lake)
    {
        _sqs = sqs;
        _queues = [lake.Value.Queues.Validate.DeadLetterQueueName, lake.Value.Queues.Transform.DeadLetterQueueName];
        TransformTelemetry.DeadLetters(() => _depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key))));
    }

    /// <summary>Reads every dead-letter queue's depth now (visible and in-flight messages).</summary>
    /// <returns>What could not be read, by queue.</returns>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken cancellationToken)
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var queue in _queues)
        {
            try
            {
                if (!_urls.TryGetValue(queue, out var url))
                {
                    url = _urls[queue] = (await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue }, cancellationToken)).QueueUrl;
                }

                var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
                {
                    QueueUrl = url,
                    AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
                }, cancellationToken);
                _depths[queue] = (attributes.Attributes ?? []).Values.Sum(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
            {
                _depths.TryRemove(queue, out _);
                failures[queue] = ex.Message;
            }
        }

        return failures;
    }
}
