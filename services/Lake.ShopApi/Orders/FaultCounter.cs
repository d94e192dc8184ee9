using System.Collections.Concurrent;

namespace Lake.ShopApi.Orders;

/// <summary>
/// Counts requests per fault key, so a fault can apply to the first N requests that carry a key (<c>times=N&amp;key=K</c>)
/// and the service then recovers, as a flaky API does. Holds at most <see cref="MaxKeys"/> keys (the oldest go first).
/// </summary>
public sealed class FaultCounter
{
    public const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Counts one request with <paramref name="key"/>; true while it is among the first <paramref name="times"/>.</summary>
    public bool Applies(string key, int times)
    {
        var count = _counts.AddOrUpdate(key, _ => { _order.Enqueue(key); return 1; }, (_, c) => c + 1);
        while (_counts.Count > MaxKeys && _order.TryDequeue(out var oldest))
        {
            _counts.TryRemove(oldest, out _);
        }

        return count <= times;
    }
}
