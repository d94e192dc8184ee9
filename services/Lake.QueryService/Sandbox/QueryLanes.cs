using Microsoft.Extensions.Options;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Keeps one of the <c>Query:MaxConcurrentQueries</c> connections for short statements, so slow ones cannot starve
/// everyone: a statement that starts while fewer than N-1 others hold the long lane joins it and may run for
/// <c>Query:TimeoutSeconds</c>; one that starts while all N-1 long places are taken runs in the short lane, for at most
/// <c>Query:ShortLaneSeconds</c>. So at most N-1 connections are ever busy longer than that, and a short statement
/// waits at most that long for one.
/// </summary>
public sealed class QueryLanes(IOptions<QueryOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _long = new(options.Value.MaxConcurrentQueries - 1);

    /// <summary>How many statements the long lane takes at once.</summary>
    public int LongLanes { get; } = options.Value.MaxConcurrentQueries - 1;

    /// <summary>A place in the long lane when one is free, else in the short lane; never waits.</summary>
    public Lane Enter() => _long.Wait(0) ? new Lane(_long) : new Lane(null);

    public void Dispose() => _long.Dispose();

    /// <summary>A statement's lane; dispose it when the statement has ended.</summary>
    public sealed class Lane(SemaphoreSlim? longPlace) : IDisposable
    {
        private SemaphoreSlim? _longPlace = longPlace;

        public bool IsShort { get; } = longPlace is null;

        public void Dispose() => Interlocked.Exchange(ref _longPlace, null)?.Release();
    }
}
