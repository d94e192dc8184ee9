using System.Net;
using System.Text.Json;

namespace Lake.QueryService.Tests;

/// <summary>Every kind of statement the sandbox refuses, each with its own clear 4xx, and the reads it allows.</summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SandboxTests(ServedLake lake)
{
    [Theory]
    [InlineData("CREATE TABLE stolen AS SELECT 1", "CREATE")]
    [InlineData("INSERT INTO {table} (order_id) VALUES ('x')", "INSERT")]
    [InlineData("UPDATE {table} SET quantity = 0", "UPDATE")]
    [InlineData("DELETE FROM {table}", "DELETE")]
    [InlineData("DROP VIEW {table}", "DROP")]
    [InlineData("ALTER VIEW {table} RENAME TO gone", "ALTER")]
    [InlineData("ATTACH '{cache}/other.duckdb' AS other", "ATTACH")]
    [InlineData("DETACH memory", "DETACH")]
    [InlineData("COPY (SELECT 1 AS x) TO '{cache}/written.csv'", "COPY")]
    [InlineData("EXPORT DATABASE '{cache}/export'", "EXPORT")]
    [InlineData("INSTALL httpfs", "INSTALL")]
    [InlineData("LOAD httpfs", "LOAD")]
    [InlineData("SET threads = 8", "SET")]
    [InlineData("SET enable_external_access = true", "SET")]
    [InlineData("RESET memory_limit", "RESET")]
    [InlineData("PRAGMA version", "PRAGMA")]
    [InlineData("PRAGMA threads = 8", "PRAGMA")]
    [InlineData("CALL pragma_version()", "CALL")]
    [InlineData("BEGIN TRANSACTION", "BEGIN")]
    [InlineData("CHECKPOINT", "CHECKPOINT")]
    [InlineData("EXPLAIN ANALYZE COPY (SELECT 1 AS x) TO '{cache}/explained.csv'", "EXPLAIN")]
    [InlineData("/* looks harmless */ COPY (SELECT 1 AS x) TO '{cache}/commented.csv'", "COPY")]
    public async Task AStatementThatIsNotAReadIsRefusedNamingIt(string template, string keyword)
    {
        var (status, problem) = await lake.Service.QueryAsync(Fill(template));

        AssertRefused(problem, status, HttpStatusCode.BadRequest, "statement-not-allowed", $"this statement is {keyword}");
        Assert.Contains("read-only", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "/etc/passwd")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')", "/etc/hostname")]
    [InlineData("SELECT * FROM read_parquet('{outside}')", "{outside}")]
    [InlineData("SELECT * FROM read_text('{cache}/../escape.txt')", "escape.txt")]
    [InlineData("SELECT * FROM glob('/*')", "/*")]
    [InlineData("SELECT * FROM glob('/**/*.parquet')", "/**/*.parquet")]
    [InlineData("SELECT * FROM read_parquet('https://example.com/orders.parquet')", "https://example.com/orders.parquet")]
    [InlineData("SELECT * FROM read_parquet('s3://{bucket}/orders/order_date=2024-06-01/part-u1-0.parquet')", "s3://")]
    [InlineData("SELECT * FROM read_json('http://127.0.0.1:9/x.json')", "http://127.0.0.1:9/x.json")]
    public async Task ReadingAnythingOutsideTheCacheIsForbidden(string template, string named)
    {
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.parquet");
        File.Copy(Directory.GetFiles(lake.Service.CacheDirectory, "*.parquet", SearchOption.AllDirectories)[0], outside);
        try
        {
            var (status, problem) = await lake.Service.QueryAsync(Fill(template).Replace("{outside}", outside, StringComparison.Ordinal));

            AssertRefused(problem, status, HttpStatusCode.Forbidden, "access-denied", Fill(named).Replace("{outside}", outside, StringComparison.Ordinal));
            Assert.Contains("lake's tables only", problem.GetProperty("detail").GetString());
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task AStatementOverTheTimeoutIsInterruptedAndTheServiceAnswersTheNextOne()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, problem) = await lake.Service.QueryAsync("SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b");
        var elapsed = clock.Elapsed;

        AssertRefused(problem, status, HttpStatusCode.UnprocessableEntity, "timeout", $"longer than {ServedLake.TimeoutSeconds} s");
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the refusal took {elapsed}");
        Assert.Equal(60, await lake.Service.ScalarAsync($"SELECT count(*) FROM {lake.Table}"));
    }

    [Fact]
    public async Task AResultOverTheRowCapIsRefusedAndOneAtTheCapIsNot()
    {
        var (over, problem) = await lake.Service.QueryAsync($"SELECT * FROM range({ServedLake.MaxRows + 1})");
        var (at, body) = await lake.Service.QueryAsync($"SELECT * FROM range({ServedLake.MaxRows})");

        AssertRefused(problem, over, HttpStatusCode.RequestEntityTooLarge, "too-many-rows", $"more than {ServedLake.MaxRows} rows");
        Assert.Contains("LIMIT", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, at);
        Assert.Equal(ServedLake.MaxRows, body.GetProperty("rowCount").GetInt32());
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", 2)]
    [InlineData("SELECT count(*) FROM {table}; DROP VIEW {table};", 2)]
    [InlineData("SELECT 1; SELECT 2; SELECT 3", 3)]
    public async Task SeveralStatementsInOneRequestAreRefusedWithoutRunningAny(string template, int count)
    {
        var (status, problem) = await lake.Service.QueryAsync(Fill(template));

        AssertRefused(problem, status, HttpStatusCode.BadRequest, "multiple-statements", $"{count} statements");
        Assert.Equal(60, await lake.Service.ScalarAsync($"SELECT count(*) FROM {lake.Table}"));
    }

    [Theory]
    [InlineData("", "empty-query", "Send one SQL statement")]
    [InlineData("  ;  -- nothing\n", "empty-query", "Send one SQL statement")]
    [InlineData("SELEC 1", "invalid-sql", "SELEC")]
    [InlineData("SELECT * FROM no_such_table", "query-failed", "no_such_table")]
    public async Task EmptyInvalidOrFailingStatementsGetA400SayingWhy(string sql, string code, string detail)
    {
        var (status, problem) = await lake.Service.QueryAsync(sql);

        AssertRefused(problem, status, HttpStatusCode.BadRequest, code, detail);
    }

    // The lake holds 60 orders over 3 days in one table of 9 columns (ServedLake).
    [Theory]
    [InlineData("SELECT count(*) FROM {table}", 1)]
    [InlineData("WITH daily AS (SELECT order_date, sum(total) AS total FROM {table} GROUP BY ALL) SELECT * FROM daily", 3)]
    [InlineData("FROM {table} LIMIT 3", 3)]
    [InlineData("DESCRIBE {table}", 9)]
    [InlineData("SHOW TABLES", 1)]
    [InlineData("SUMMARIZE {table}", 9)]
    [InlineData("EXPLAIN SELECT * FROM {table}", 1)]
    [InlineData("EXPLAIN ANALYZE SELECT count(*) FROM {table}", 1)]
    [InlineData("VALUES (1, 'a'), (2, 'b')", 2)]
    [InlineData("SELECT count(*) FROM glob('{cache}/**/*.parquet')", 1)]
    public async Task ReadOnlyStatementsRun(string template, int rows)
    {
        var (status, body) = await lake.Service.QueryAsync(Fill(template));

        Assert.True(status == HttpStatusCode.OK, $"{template} → {(int)status}: {body}");
        Assert.Equal(rows, body.GetProperty("rowCount").GetInt32());
    }

    [Fact]
    public async Task NothingARefusedStatementNamedWasWritten()
    {
        await lake.Service.QueryAsync(Fill("COPY (SELECT 1 AS x) TO '{cache}/sneaky.csv'"));
        await lake.Service.QueryAsync(Fill("ATTACH '{cache}/sneaky.duckdb' AS sneaky"));

        Assert.Empty(Directory.GetFiles(lake.Service.CacheDirectory, "sneaky*", SearchOption.AllDirectories));
        Assert.Equal(60, await lake.Service.ScalarAsync($"SELECT count(*) FROM {lake.Table}"));
    }

    private static void AssertRefused(JsonElement problem, HttpStatusCode status, HttpStatusCode expected, string code, string detailContains)
    {
        Assert.True(status == expected, $"expected {(int)expected} {code}, got {(int)status}: {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
    }

    private string Fill(string template) => template
        .Replace("{table}", lake.Table, StringComparison.Ordinal)
        .Replace("{cache}", lake.Service.CacheDirectory, StringComparison.Ordinal)
        .Replace("{bucket}", lake.Lake.Options.Buckets.Curated, StringComparison.Ordinal);
}
