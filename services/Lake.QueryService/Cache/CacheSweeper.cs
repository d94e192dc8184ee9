namespace Lake.QueryService.Cache;

/// <summary>
/// Deletes cached files no view reads any more, but only while no query runs: a query that started before a view
/// was replaced may still be reading the files the old view named. Also clears downloads a stopped sync left behind.
/// </summary>
public sealed class CacheSweeper(CacheDirectory directory, ILogger<CacheSweeper> logger)
{
    private int _runningQueries;
    private int _pending;

    /// <summary>Marks a query as running until disposed; the last one to finish sweeps what is pending.</summary>
    public IDisposable BeginQuery(Action onIdle)
    {
        Interlocked.Increment(ref _runningQueries);
        return new QueryMark(this, onIdle);
    }

    /// <summary>Some view changed: its old files can go once nothing runs.</summary>
    public void SweepLater() => Interlocked.Exchange(ref _pending, 1);

    /// <summary>Sweeps now if a sweep is pending and no query runs; call it while no sync can download.</summary>
    /// <param name="used">Every file a view reads now.</param>
    public void SweepIfIdle(Func<IReadOnlySet<string>> used)
    {
        if (Volatile.Read(ref _runningQueries) > 0 || Interlocked.Exchange(ref _pending, 0) == 0)
        {
            return;
        }

        var keep = used();
        var obsolete = Directory.EnumerateFiles(directory.Root, "*", SearchOption.AllDirectories).Where(path => directory.IsObsolete(path, keep)).ToList();
        foreach (var path in obsolete)
        {
            File.Delete(path);
        }

        if (obsolete.Count > 0)
        {
            logger.LogInformation("Deleted {Count} cached files no table reads any more", obsolete.Count);
        }
    }

    private sealed class QueryMark(CacheSweeper sweeper, Action onIdle) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && Interlocked.Decrement(ref sweeper._runningQueries) == 0)
            {
                onIdle();
            }
        }
    }
}
