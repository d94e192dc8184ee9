using Lake.Configuration;
using Lake.Console.Infrastructure;
using Lake.Console.Model;
using Microsoft.Extensions.Options;

namespace Lake.Console.Services;

/// <summary>The lake's dead-letter queues: depths, a look at their messages, and the work queue each redrives to.</summary>
internal sealed class DeadLetterQueues(LakeQueues queues, IOptions<LakeOptions> lake)
{
    /// <summary>SQS hands out at most 10 messages a receive; a look shows that many.</summary>
    public const int SampleSize = 10;

    public IReadOnlyList<string> Names => ["validate", "transform"];

    public WorkQueue? Find(string queue) => queue switch
    {
        "validate" => lake.Value.Queues.Validate,
        "transform" => lake.Value.Queues.Transform,
        _ => null,
    };

    public async Task<DeadLetterQueueView> DescribeAsync(string queue, WorkQueue work, CancellationToken cancellationToken)
    {
        var source = await queues.DepthAsync(work.Name, cancellationToken);
        var dead = await queues.DepthAsync(work.DeadLetterQueueName, cancellationToken);
        var sample = dead.Waiting > 0 ? await PeekAsync(work.DeadLetterQueueName, cancellationToken) : [];
        return new DeadLetterQueueView(queue, source, dead, sample);
    }

    /// <summary>
    /// Up to <see cref="SampleSize"/> messages, left where they are: received with a visibility timeout of 0, so
    /// they stay visible to a redrive (a dead-letter queue has no redrive policy of its own for the looks to trip).
    /// </summary>
    private async Task<IReadOnlyList<DeadLetter>> PeekAsync(string name, CancellationToken cancellationToken) =>
        await queues.FindUrlAsync(name, cancellationToken) is { } url
            ? [.. (await queues.ReceiveAsync(url, SampleSize, visibilitySeconds: 0, waitSeconds: 0, cancellationToken)).Select(DeadLetter.Of)]
            : [];
}
