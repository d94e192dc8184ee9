using System.Threading.Channels;
using Lake.Configuration;
using Lake.DuckDb;
using Lake.QueryService.Cache;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// The one in-memory DuckDB the service queries, locked down at start: no file access outside the cache directory
/// (<c>allowed_directories</c> + <c>enable_external_access = false</c>, which also shuts out http/s3 URLs), no
/// extension installs or loads, bounded threads and memory, and then <c>lock_configuration</c> so no statement can
/// undo any of it. Queries borrow one of a fixed set of connections, each profiled (for bytes scanned) and using the
/// lake's database as its schema (so <c>orders</c> means <c>lake.orders</c> and <c>SHOW TABLES</c> lists the catalog);
/// the service's own connection defines the views.
/// </summary>
public sealed class SandboxedDatabase : IDisposable
{
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _definitions;
    private readonly List<DuckDbConnection> _connections = [];
    private readonly Channel<DuckDbConnection> _idle;
    private readonly Lock _definitionsLock = new();

    public SandboxedDatabase(IOptions<QueryOptions> options, IOptions<LakeOptions> lake, CacheDirectory cache)
    {
        var settings = options.Value;
        Directory.CreateDirectory(cache.SpillDirectory);
        _database = DuckDbDatabase.Open(null, new DuckDbConfig { Threads = settings.Threads, MemoryLimit = settings.MemoryLimit, TempDirectory = cache.SpillDirectory }
            .Set("autoinstall_known_extensions", "false")
            .Set("autoload_known_extensions", "false")
            .Set("allow_community_extensions", "false"));
        _definitions = _database.Connect();
        _definitions.Execute(TableViews.CreateSchema(lake.Value.GlueDatabase));
        _definitions.Execute($"SET allowed_directories = [{SqlText.Literal(cache.Root + Path.DirectorySeparatorChar)}]");
        _definitions.Execute("SET enable_external_access = false");
        _idle = Channel.CreateBounded<DuckDbConnection>(settings.MaxConcurrentQueries);
        for (var i = 0; i < settings.MaxConcurrentQueries; i++)
        {
            var connection = _database.Connect();
            connection.Execute("SET enable_profiling = 'no_output'");
            connection.Execute($"USE {SqlText.Identifier(lake.Value.GlueDatabase)}");
            _connections.Add(connection);
            _idle.Writer.TryWrite(connection);
        }

        _definitions.Execute("SET lock_configuration = true");
    }

    /// <summary>Runs the service's own DDL (views, schemas) on its own connection, one statement at a time.</summary>
    public void Define(string sql)
    {
        lock (_definitionsLock)
        {
            _definitions.Execute(sql);
        }
    }

    /// <summary>A connection for one query; waits while every connection is busy. Dispose the lease to give it back.</summary>
    public async Task<ConnectionLease> RentAsync(CancellationToken cancellationToken) =>
        new(await _idle.Reader.ReadAsync(cancellationToken), _idle.Writer);

    public void Dispose()
    {
        _idle.Writer.TryComplete();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _definitions.Dispose();
        _database.Dispose();
    }

    public sealed class ConnectionLease(DuckDbConnection connection, ChannelWriter<DuckDbConnection> idle) : IDisposable
    {
        public DuckDbConnection Connection { get; } = connection;

        public void Dispose() => idle.TryWrite(Connection);
    }
}
