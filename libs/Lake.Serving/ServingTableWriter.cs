using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Lake.Serving;

/// <summary>
/// Writes items to a serving table with BatchWriteItem, 25 at a time (DynamoDB's limit). Items DynamoDB returns
/// unprocessed are sent again after a growing delay, up to <see cref="MaxAttempts"/> tries per batch. A put of an item
/// with the same key replaces it, so writing the same items again changes nothing. Up to <c>concurrency</c> batches
/// are in flight at once; the items are read from their source one batch at a time, never all held.
/// </summary>
public sealed class ServingTableWriter(IAmazonDynamoDB dynamo, TimeSpan? firstDelay = null, int concurrency = ServingTableWriter.DefaultConcurrency)
{
    public const int BatchSize = 25;
    public const int MaxAttempts = 8;
    public const int DefaultConcurrency = 4;
    private readonly TimeSpan _firstDelay = firstDelay ?? TimeSpan.FromMilliseconds(50);

    /// <summary>Writes every item; returns how many were written.</summary>
    /// <exception cref="ServingWriteException">Items were still unprocessed after the last attempt.</exception>
    public async Task<long> WriteAsync(string table, IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        long written = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };

        // ForEachAsync takes the next batch from the source under its own lock, so a streaming source stays safe.
        await Parallel.ForEachAsync(items.Chunk(BatchSize), options, async (batch, token) =>
        {
            await WriteBatchAsync(table, batch, token);
            Interlocked.Add(ref written, batch.Length);
        });
        return written;
    }

    private async Task WriteBatchAsync(string table, Dictionary<string, AttributeValue>[] batch, CancellationToken cancellationToken)
    {
        var requests = batch.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList();
        var delay = _firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>> { [table] = requests },
            }, cancellationToken);
            requests = response.UnprocessedItems?.GetValueOrDefault(table) ?? [];
            if (requests.Count == 0)
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new ServingWriteException(table, requests.Count, attempt);
            }

            // Exponential backoff with jitter, as AWS advises for unprocessed items.
            await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)delay.TotalMilliseconds + 1)), cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }
}
