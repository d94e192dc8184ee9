using System.Collections.Immutable;
using System.Diagnostics;
using Amazon.Runtime;
using DuckDB.NET.Data;
using Lake.Aws;
using Lake.QueryService.Catalog;
using Lake.QueryService.Sandbox;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Cache;

/// <summary>
/// Keeps the DuckDB views in step with the catalog. A query first asks <see cref="EnsureFreshAsync"/>: when the last
/// sync is older than <c>Query:RefreshIntervalSeconds</c>, the catalog's tables and partitions are read again, new or
/// changed objects downloaded (by ETag) and each changed table's view replaced in one statement, so a query sees the
/// old table or the new one, never half of each. Syncs run one at a time. Files no view uses any more are deleted
/// only when no query is running, since a query that started before the swap may still read them.
/// </summary>
public sealed class LakeCache(
    CatalogReader catalog, CuratedObjects objects, SandboxedDatabase database, CacheSweeper sweeper,
    IOptions<QueryOptions> options, TimeProvider time, ILogger<LakeCache> logger)
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private ImmutableDictionary<string, CachedTable> _tables = ImmutableDictionary<string, CachedTable>.Empty.WithComparers(StringComparer.Ordinal);
    private DateTimeOffset? _syncedAt;

    /// <summary>The tables as last synced, by name.</summary>
    public IReadOnlyDictionary<string, CachedTable> Tables => _tables;

    public string Database => catalog.Database;

    /// <summary>Syncs every table when the last sync is older than the refresh interval (or there was none).</summary>
    /// <exception cref="CatalogUnavailableException">The catalog or the bucket could not be read and nothing was synced before.</exception>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (!IsStale())
        {
            return;
        }

        await _sync.WaitAsync(cancellationToken);
        try
        {
            // Another request may have synced while this one waited.
            if (IsStale())
            {
                await SyncAllAsync(cancellationToken);
            }
        }
        finally
        {
            _sync.Release();
        }

        TrySweep();
    }

    /// <summary>Syncs one table now, whatever the interval; null when the catalog has no such table.</summary>
    public async Task<CachedTable?> RefreshAsync(string name, CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken);
        try
        {
            using var activity = QueryTelemetry.Source.StartActivity("catalog.sync");
            activity?.SetTag("lake.table", name);
            var table = await Read(() => catalog.ReadAsync(name, cancellationToken));
            if (table is null)
            {
                Remove(name);
                return null;
            }

            return await ApplyAsync(table, cancellationToken);
        }
        finally
        {
            _sync.Release();
            TrySweep();
        }
    }

    /// <summary>Marks a query as running until disposed, so files it may read are not swept meanwhile.</summary>
    public IDisposable BeginQuery() => sweeper.BeginQuery(TrySweep);

    private bool IsStale() =>
        _syncedAt is not { } synced || time.GetUtcNow() - synced >= TimeSpan.FromSeconds(options.Value.RefreshIntervalSeconds);

    private async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        using var activity = QueryTelemetry.Source.StartActivity("catalog.sync");
        var clock = Stopwatch.StartNew();
        IReadOnlyList<CatalogTable> tables;
        try
        {
            tables = await Read(() => catalog.ReadAllAsync(cancellationToken));
            foreach (var table in tables)
            {
                await ApplyAsync(table, cancellationToken);
            }
        }
        catch (CatalogUnavailableException error) when (_syncedAt is not null)
        {
            // Serve what was synced before rather than fail every query while the catalog is away.
            logger.LogWarning("Catalog sync failed; queries see the tables as synced at {SyncedAt}: {Reason}", _syncedAt, error.Message);
            _syncedAt = time.GetUtcNow();
            return;
        }

        foreach (var gone in _tables.Keys.Except(tables.Select(t => t.Name)).ToList())
        {
            Remove(gone);
        }

        _syncedAt = time.GetUtcNow();
        activity?.SetTag("lake.tables", tables.Count);
        logger.LogInformation("Synced {Count} tables of {Database} in {ElapsedMs} ms", tables.Count, Database, clock.ElapsedMilliseconds);
    }

    private async Task<CachedTable> ApplyAsync(CatalogTable table, CancellationToken cancellationToken)
    {
        var cached = await Read(() => objects.SyncAsync(table, cancellationToken));
        if (_tables.TryGetValue(table.Name, out var current) && current.ViewSignature == cached.ViewSignature)
        {
            _tables = _tables.SetItem(table.Name, cached);
            return cached;
        }

        try
        {
            database.Define(TableViews.CreateOrReplace(cached));
        }
        catch (DuckDBException error)
        {
            // E.g. a file that is not Parquet: keep serving the view as it was, and say why.
            logger.LogError("View {Table} could not be rebuilt over {Files} files; it keeps its previous files: {Reason}", table.QualifiedName, cached.Files.Count(), error.Message);
            return current ?? cached;
        }

        _tables = _tables.SetItem(table.Name, cached);
        sweeper.SweepLater();
        logger.LogInformation("View {Table} now reads {Files} files in {Partitions} partitions", table.QualifiedName, cached.Files.Count(), cached.Partitions.Count);
        return cached;
    }

    private void Remove(string name)
    {
        if (_tables.TryGetValue(name, out var gone))
        {
            database.Define(TableViews.Drop(gone.Table));
            _tables = _tables.Remove(name);
            sweeper.SweepLater();
            logger.LogInformation("Table {Table} left the catalog; its view is dropped", gone.Table.QualifiedName);
        }
    }

    // Never during a sync: it may be downloading.
    private void TrySweep()
    {
        if (!_sync.Wait(0))
        {
            return;
        }

        try
        {
            sweeper.SweepIfIdle(() => _tables.Values.SelectMany(t => t.Files).Select(f => f.LocalPath).ToHashSet(StringComparer.Ordinal));
        }
        finally
        {
            _sync.Release();
        }
    }

    private static async Task<T> Read<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception error) when (error is AwsServiceException or AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw new CatalogUnavailableException(error.Message, error);
        }
    }
}

/// <summary>The Glue catalog or the curated bucket could not be read; the message says why.</summary>
public sealed class CatalogUnavailableException(string message, Exception innerException) : Exception(message, innerException);
