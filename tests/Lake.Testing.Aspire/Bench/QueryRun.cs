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
public sealed record StatementTiming(
    string Name, string Sql, IReadOnlyList<double> HttpMs, IReadOnlyList<double> ServiceMs, IReadOnlyList<double> BareMs,
    string ServiceResult, string BareResult, long FilesScanned, long BytesScanned)
{
    public bool Agree => ServiceResult == BareResult;
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
        var service = new Dictionary<string, (List<double> Http, List<double> Service, string Result, JsonElement Last)>(StringComparer.Ordinal);
        foreach (var sql in new[] { pruned, scan })
        {
            service[sql] = await TimeServiceAsync(http, sql, repetitions, cancellationToken);
        }

        using var bare = new BareDuckDb(db, files);
        StatementTiming Timing(string name, string sql)
        {
            var (bareMs, bareResult) = bare.Time(sql, repetitions);
            var (httpMs, serviceMs, result, last) = service[sql];
            var timing = new StatementTiming(name, sql, httpMs, serviceMs, bareMs, result, bareResult,
                last.GetProperty("filesScanned").GetInt64(), last.GetProperty("bytesScanned").GetInt64());
            log($"{name}: service {result} | bare {bareResult}{(timing.Agree ? "" : "  DISAGREE")}");
            return timing;
        }

        return new QueryReport(table, files.Count, refresh, Timing("pruned", pruned), Timing("scan", scan),
            counted[0].GetInt64(), decimal.Parse(counted[1].GetString()!, CultureInfo.InvariantCulture));
    }

    private async Task<(List<double> Http, List<double> Service, string Result, JsonElement Last)> TimeServiceAsync(
        HttpClient http, string sql, int repetitions, CancellationToken cancellationToken)
    {
        List<double> httpMs = [], serviceMs = [];
        var answer = default(JsonElement);
        for (var i = 0; i < repetitions; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            answer = await AspireLake.QueryAsync(http, sql);
            httpMs.Add(clock.Elapsed.TotalMilliseconds);
            serviceMs.Add(answer.GetProperty("elapsedMs").GetDouble());
        }

        log($"service: {repetitions} × {sql}");
        var rows = answer.GetProperty("rows").EnumerateArray().Select(row => row.EnumerateArray().Select(cell => cell.ValueKind switch
        {
            JsonValueKind.String => cell.GetString(),
            JsonValueKind.Null => null,
            _ => cell.GetRawText(),
        }));
        return (httpMs, serviceMs, ResultText(rows), answer);
    }

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

    /// <summary>An in-process DuckDB with the service's limits and a view of the same name over the given files, nothing else.</summary>
    private sealed class BareDuckDb : IDisposable
    {
        private readonly string _spill = Directory.CreateTempSubdirectory("lake-query-bare-").FullName;
        private readonly DuckDBConnection _connection;

        public BareDuckDb(string database, IReadOnlyList<string> files)
        {
            _connection = new DuckDBConnection(ServiceLimits.ConnectionString(_spill));
            _connection.Open();
            Execute($"CREATE SCHEMA {SqlText.Identifier(database)}");
            Execute($"CREATE VIEW {SqlText.Identifier(database)}.{SqlText.Identifier(Table)} AS SELECT * FROM read_parquet({SqlText.PathList(files)}, hive_partitioning = true, hive_types = {{'order_date': DATE}})");
        }

        public (List<double> Ms, string Result) Time(string sql, int repetitions)
        {
            var times = new List<double>();
            var rows = new List<string?[]>();
            for (var i = 0; i < repetitions; i++)
            {
                rows.Clear();
                var clock = Stopwatch.StartNew();
                using (var command = _connection.CreateCommand())
                {
                    command.CommandText = sql;
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? null : Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture))]);
                    }
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            return (times, ResultText(rows));
        }

        private void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _connection.Dispose();
            Directory.Delete(_spill, recursive: true);
        }
    }
}
