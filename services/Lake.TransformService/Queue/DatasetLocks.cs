using System.Collections.Concurrent;

namespace Lake.TransformService.Queue;

/// <summary>
/// One key commit at a time per dataset (<see cref="Uploads.UploadTransformer"/>): uploads of a dataset convert side by
/// side, then, one at a time, check their keys against the key files that arrived meanwhile and publish their own.
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
