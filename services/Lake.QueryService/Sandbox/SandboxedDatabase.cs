using System.Threading.Channels;
using DuckDB.NET.Data;
using Lake.Configuration;
using Lake.DuckDb;
using Lake.QueryService.Cache;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// The one in-memory DuckDB the service queries, locked down at start: no file access outside the cache directory
/// (<c>allowed_directories</c> + <c>enable_external_access = false</c>, which also shuts out http/s3 URLs), no
/// extension installs or loads, bounded threads, memory and spill space, and then <c>lock_configuration</c> so no statement can
/// undo any of it. Queries borrow one of a fixed set of connections to it (<see cref="DuckDBConnection.Duplicate"/>:
/// each <c>:memory:</c> connection string opens a database of its own), each profiled to a JSON file of its own in the
/// cache (for bytes scanned) and using the lake's database as its schema (so <c>orders</c> means <c>lake.orders</c>
/// and <c>SHOW TABLES</c> lists the catalog); the service's own connection defines the views.
/// </summary>
public sealed class SandboxedDatabase : IDisposable
{
    private readonly DuckDBConnection _definitions;
    private readonly List<DuckDBConnection> _connections = [];
    private readonly Channel<ConnectionLease> _idle;
    private readonly Lock _definitionsLock = new();

    public SandboxedDatabase(IOptions<QueryOptions> options, IOptions<LakeOptions> lake, CacheDirectory cache)
    {
        var settings = options.Value;
        Directory.CreateDirectory(cache.SpillDirectory);
        Directory.CreateDirectory(cache.ProfileDirectory);
        _definitions = new DuckDBConnection(new DuckDBConnectionStringBuilder
        {
            DataSource = DuckDBConnectionStringBuilder.InMemoryDataSource,
            Threads = settings.Threads,
            MemoryLimit = settings.MemoryLimit,
            TempDirectory = cache.SpillDirectory,
            AutoinstallKnownExtensions = false,
            AutoloadKnownExtensions = false,
            AllowCommunityExtensions = false,
        }.ConnectionString);
        _definitions.Open();
        Execute(_definitions, TableViews.CreateSchema(lake.Value.GlueDatabase));
        Execute(_definitions, $"SET allowed_directories = [{SqlText.Literal(cache.Root + Path.DirectorySeparatorChar)}]");
        Execute(_definitions, "SET enable_external_access = false");
        Execute(_definitions, $"SET max_temp_directory_size = {SqlText.Literal(settings.MaxTempDirectorySize)}");
        _idle = Channel.CreateBounded<ConnectionLease>(settings.MaxConcurrentQueries);
        for (var i = 0; i < settings.MaxConcurrentQueries; i++)
        {
            var connection = _definitions.Duplicate();
            connection.Open();
            var profile = Path.Combine(cache.ProfileDirectory, $"connection-{i}.json");
            DuckDbProfile.Enable(connection, profile);
            Execute(connection, $"USE {SqlText.Identifier(lake.Value.GlueDatabase)}");
            _connections.Add(connection);
            _idle.Writer.TryWrite(new ConnectionLease(connection, profile, _idle.Writer));
        }

        Execute(_definitions, "SET lock_configuration = true");
    }

    /// <summary>Runs the service's own DDL (views, schemas) on its own connection, one statement at a time.</summary>
    /// <exception cref="DuckDBException">DuckDB refused it.</exception>
    public void Define(string sql)
    {
        lock (_definitionsLock)
        {
            Execute(_definitions, sql);
        }
    }

    /// <summary>A connection for one query; waits while every connection is busy. Dispose the lease to give it back.</summary>
    public ValueTask<ConnectionLease> RentAsync(CancellationToken cancellationToken) => _idle.Reader.ReadAsync(cancellationToken);

    public void Dispose()
    {
        _idle.Writer.TryComplete();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _definitions.Dispose();
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A borrowed connection and the file its statements' profiles go to.</summary>
    public sealed class ConnectionLease(DuckDBConnection connection, string profileFile, ChannelWriter<ConnectionLease> idle) : IDisposable
    {
        public DuckDBConnection Connection { get; } = connection;

        /// <summary>Where DuckDB writes the profile of this connection's last statement.</summary>
        public string ProfileFile { get; } = profileFile;

        public void Dispose() => idle.TryWrite(this);
    }
}
