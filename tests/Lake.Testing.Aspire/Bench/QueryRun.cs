using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Lake.DuckDb;
using Lake.Transform.Conversion;

namespace Lake.Testing.Aspire.Bench;

/// <summary>One statement's times in milliseconds, repetition by repetition (the first is the cold one), and its result on each side.</summary>
/// <param name="HttpMs">The client's stopwatch around <c>POST /v1/query</c> and reading the answer.</param>
/// <param name="ServiceMs">The answer's <c>elapsedMs</c>: DuckDB's time for the statement inside the service.</param>
/// <param name="BareMs">The same statement on a bare in-process DuckDB over the same cached files, rows read.</param>
/// <param name="SandboxedMs">The same on an in-process DuckDB set up as the query service sets up its own (see <c>BareDuckDb</c>).</param>
public sealed record StatementTiming(
    string Name, string Sql, IReadOnlyList<double> HttpMs, IReadOnlyList<double> ServiceMs, IReadOnlyList<double> BareMs, IReadOnlyList<double> SandboxedMs,
    string ServiceResult, string BareResult, string SandboxedResult, long FilesScanned, long BytesScanned)
{
    public bool Agree => ServiceResult == BareResult && SandboxedResult == BareResult;
}

/// <summary>What a query run measured, and whether the table held exactly what was generated.</summary>
/// <param name="RunRows">Rows of the run's order ids the query service counted (must be the generated count).</param>
/// <param name="RunTotal">Their sum of <c>total</c> (must be the generated sum).</param>
public sealed record QueryReport(
    GeneratedTable Table, int CachedFiles, TimeSpan Refresh, StatementTiming Pruned, StatementTiming Scan, long RunRows, decimal RunTotal)
{
    public bool Clean => RunRows == Table.Rows && RunTotal == Table.Total && Pruned.Agree && Scan.Agree;
}

/// <summary>
/// The query suite against a started lake: an N-row orders table generated straight into the curated layout and
/// catalog (<see cref="GeneratedOrders"/>), one refresh of the query service (it caches the files then, not during a
/// timed query), then R times each a partition-pruned aggregate and a full-scan aggregate over <c>/v1/query</c>, and R
/// times each the same statement on a bare DuckDB (the service's default threads and memory limit) reading the very
/// files the service cached.
/// </summary>
public sealed partial class QueryRun(AspireLake lake, Action<string> log)
{
    private const string Table = "orders";

    // The query service's defaults (QueryOptions: Threads, MemoryLimit); the AppHost sets neither.
    private static readonly DuckDbLimits ServiceLimits = new("1GB", 2);

    private readonly string _run = $"Q{Random.Shared.Next(0, 100_000):D5}";

    public async Task<QueryReport> RunAsync(long rows, int repetitions, CancellationToken cancellationToken)
    {
        var table = await GeneratedOrders.CreateAsync(lake, rows, _run, log, cancellationToken);
        var clock = Stopwatch.StartNew();
        var files = CachedFiles(await lake.RefreshTableAsync(Table));
        var refresh = clock.Elapsed;
        log($"query service refreshed {Table} in {refresh.TotalSeconds:0.0} s: {files.Count} cached files");

        var db = lake.Options.GlueDatabase;
        var counted = (await lake.QueryRowsAsync($"SELECT count(*), sum(total) FROM {db}.{Table} WHERE order_id LIKE '{_run}-%'"))[0];
        var pruned = $"SELECT currency, count(*) AS orders, sum(total) AS revenue FROM {db}.{Table} WHERE order_date = DATE '{GeneratedOrders.MiddleDay}' GROUP BY currency ORDER BY currency";
        var scan = $"SELECT count(*) AS orders, sum(total) AS revenue, count(DISTINCT customer_id) AS customers FROM {db}.{Table}";

        using var http = lake.QueryClient();
        using var bare = new BareDuckDb(db, files, sandbox: null);
        using var sandboxed = new BareDuckDb(db, files, sandbox: lake.QueryCacheDirectory);
        async Task<StatementTiming> TimeAsync(string name, string sql)
        {
            List<double> httpMs = [], serviceMs = [], bareMs = [], sandboxedMs = [];
            var answer = default(JsonElement);
            string bareResult = "", sandboxedResult = "";
            for (var i = 0; i < repetitions; i++)
            {
                for (var turn = 0; turn < 3; turn++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch ((i + turn) % 3)
                    {
                        case 0:
                            var clock = Stopwatch.StartNew();
                            answer = await AspireLake.QueryAsync(http, sql);
                            httpMs.Add(clock.Elapsed.TotalMilliseconds);
                            serviceMs.Add(answer.GetProperty("elapsedMs").GetDouble());
                            break;
                        case 1:
                            (var ms, bareResult) = bare.Time(sql);
                            bareMs.Add(ms);
                            break;
                        default:
                            (ms, sandboxedResult) = sandboxed.Time(sql);
                            sandboxedMs.Add(ms);
                            break;
                    }
                }
            }

            var timing = new StatementTiming(name, sql, httpMs, serviceMs, bareMs, sandboxedMs, ServiceResult(answer), bareResult, sandboxedResult,
                answer.GetProperty("filesScanned").GetInt64(), answer.GetProperty("bytesScanned").GetInt64());
            log($"{name}: {repetitions} × service, bare, sandboxed: service {timing.ServiceResult} | bare {bareResult} | sandboxed {sandboxedResult}{(timing.Agree ? "" : "  DISAGREE")}");
            return timing;
        }

        var prunedTiming = await TimeAsync("pruned", pruned);
        var scanTiming = await TimeAsync("scan", scan);
        return new QueryReport(table, files.Count, refresh, prunedTiming, scanTiming,
            counted[0].GetInt64(), decimal.Parse(counted[1].GetString()!, CultureInfo.InvariantCulture));
    }

    private static string ServiceResult(JsonElement answer) =>
        ResultText(answer.GetProperty("rows").EnumerateArray().Select(row => row.EnumerateArray().Select(cell => cell.ValueKind switch
        {
            JsonValueKind.String => cell.GetString(),
            JsonValueKind.Null => null,
            _ => cell.GetRawText(),
        })));

    /// <summary>Rows as one comparable line: numbers (JSON numbers, DECIMAL strings, .NET values) written alike.</summary>
    private static string ResultText(IEnumerable<IEnumerable<string?>> rows) =>
        string.Join("; ", rows.Select(row => string.Join(", ", row.Select(cell =>
            cell is null ? "NULL"
            : decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number.ToString("0.##########", CultureInfo.InvariantCulture)
            : cell))));

    /// <summary>
    /// The local copies of the table's files, from the refresh's answer: where the query service keeps an object,
    /// <c>{cache}/{database}/{table}/{key}={value}/{name}.{etag}.parquet</c> (its <c>CuratedObjects</c>); each is checked to exist.
    /// </summary>
    private List<string> CachedFiles(JsonElement detail)
    {
        var keys = detail.GetProperty("table").GetProperty("partitionKeys").EnumerateArray().Select(k => k.GetProperty("name").GetString()!).ToList();
        var directory = Path.Combine(lake.QueryCacheDirectory, lake.Options.GlueDatabase, Table);
        var files = new List<string>();
        foreach (var partition in detail.GetProperty("partitions").EnumerateArray())
        {
            var values = partition.GetProperty("values").EnumerateArray().Select(v => v.GetString()!);
            var partitionDirectory = Path.Combine([directory, .. keys.Zip(values, (key, value) => $"{key}={value}")]);
            foreach (var file in partition.GetProperty("files").EnumerateArray())
            {
                var key = file.GetProperty("key").GetString()!;
                var stem = Unsafe().Replace(key[(key.LastIndexOf('/') + 1)..^".parquet".Length], "_");
                var path = Path.Combine(partitionDirectory, $"{stem}.{Unsafe().Replace(file.GetProperty("eTag").GetString()!, "")}.parquet");
                files.Add(File.Exists(path) ? path : throw new FileNotFoundException($"The query service's copy of s3://.../{key} is not at {path} (has its cache layout changed?)", path));
            }
        }

        return files;
    }

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();

    /// <summary>
    /// An in-process DuckDB with the service's limits and a view of the same name over the given files. Bare, nothing
    /// else; or, given the cache directory as <c>sandbox</c>, set up as the query service sets up its own
    /// (<c>SandboxedDatabase</c>, <c>QueryRunner</c>, <c>StatementGuard</c>): no extension autoload, <c>allowed_directories</c>
    /// and <c>enable_external_access = false</c>, the statement on a duplicated connection that profiles to a JSON file
    /// (read and deleted after each statement), streamed, after the guard's statement count and <c>json_serialize_sql</c>.
    /// </summary>
    private sealed class BareDuckDb : IDisposable
    {
        private readonly string _spill = Directory.CreateTempSubdirectory("lake-query-bare-").FullName;
        private readonly DuckDBConnection _definitions;
        private readonly DuckDBConnection _connection;
        private readonly string? _profile;

        public BareDuckDb(string database, IReadOnlyList<string> files, string? sandbox)
        {
            var settings = new DuckDBConnectionStringBuilder { ConnectionString = ServiceLimits.ConnectionString(_spill) };
            if (sandbox is not null)
            {
                settings.AutoinstallKnownExtensions = false;
                settings.AutoloadKnownExtensions = false;
                settings.AllowCommunityExtensions = false;
            }

            _definitions = new DuckDBConnection(settings.ConnectionString);
            _definitions.Open();
            Execute(_definitions, $"CREATE SCHEMA {SqlText.Identifier(database)}");
            Execute(_definitions, $"CREATE VIEW {SqlText.Identifier(database)}.{SqlText.Identifier(Table)} AS SELECT * FROM read_parquet({SqlText.PathList(files)}, hive_partitioning = true, hive_types = {{'order_date': DATE}})");
            if (sandbox is null)
            {
                _connection = _definitions;
                return;
            }

            Execute(_definitions, $"SET allowed_directories = [{SqlText.Literal(sandbox + Path.DirectorySeparatorChar)}, {SqlText.Literal(_spill + Path.DirectorySeparatorChar)}]");
            Execute(_definitions, "SET enable_external_access = false");
            _connection = _definitions.Duplicate();
            _connection.Open();
            _profile = Path.Combine(_spill, "profile.json");
            DuckDbProfile.Enable(_connection, _profile);
            Execute(_connection, $"USE {SqlText.Identifier(database)}");
            Execute(_definitions, "SET lock_configuration = true");
        }

        public (double Ms, string Result) Time(string sql)
        {
            var rows = new List<string?[]>();
            var clock = Stopwatch.StartNew();
            if (_profile is not null)
            {
                _ = _connection.CountStatements(sql);
                using var check = new DuckDBCommand("SELECT json_serialize_sql($1::VARCHAR)", _connection);
                check.Parameters.Add(new DuckDBParameter(sql));
                using var tree = JsonDocument.Parse((string)check.ExecuteScalar()!);
                File.Delete(_profile);
            }

            using (var command = _connection.CreateCommand())
            {
                command.CommandText = sql;
                command.UseStreamingMode = _profile is not null;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? null : Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture))]);
                }
            }

            if (_profile is not null)
            {
                _ = DuckDbProfile.Read(_profile);
            }

            return (clock.Elapsed.TotalMilliseconds, ResultText(rows));
        }

        private static void Execute(DuckDBConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            if (_connection != _definitions)
            {
                _connection.Dispose();
            }

            _definitions.Dispose();
            Directory.Delete(_spill, recursive: true);
        }
    }
}
