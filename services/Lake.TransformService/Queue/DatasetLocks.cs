using System.Collections.Concurrent;

namespace Lake.TransformService.Queue;

/// <summary>
/// One upload at a time per dataset: two uploads of one dataset converted at once could each take a key the other
/// holds, since each checks the other's key file only once it exists. Uploads of different datasets run side by side.
/// </summary>
public sealed class DatasetLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string dataset, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(dataset, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
