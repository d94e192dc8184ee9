using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lake.QueryService.Tests;

/// <summary>
/// The query API as an attacker meets it (issue 14): no key, no answer, and the key is checked before the body is
/// read; a malformed body is a plain 400 problem (no stack trace, no echoed headers, though the service runs as
/// Development); no statement reads the server's settings or paths.
/// </summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ApiSecurityTests(ServedLake lake)
{
    private const string ProbeHeader = "X-Probe";
    private const string ProbeValue = "probe-value-that-must-not-come-back";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key-0123456789abcdef")]
    [InlineData(QueryServiceHost.ApiKey + "x")]
    public async Task AQueryWithoutTheKeyIsRefusedWith401(string? key)
    {
        using var http = Anonymous(key);

        using var response = await http.PostAsJsonAsync("/v1/query", new { sql = "SELECT 1" });

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "api-key-required");
    }

    [Theory]
    [InlineData("/v1/tables")]
    [InlineData("/v1/tables/orders")]
    public async Task TheCatalogNeedsTheKeyToo(string path)
    {
        using var http = Anonymous(null);

        using var response = await http.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "api-key-required");
    }

    [Fact]
    public async Task WithoutTheKeyAMalformedBodyIsNotRead()
    {
        using var http = Anonymous(null);

        using var response = await http.SendAsync(Malformed());

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "api-key-required");
    }

    [Theory]
    [InlineData("{\"sql\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"sql\": 42}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("not json at all", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("SELECT 1", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("sql=SELECT+1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task AMalformedBodyIsAProblemWithoutStackTraceOrEchoedHeaders(string body, string contentType, HttpStatusCode expected)
    {
        using var response = await lake.Service.Http.SendAsync(Malformed(body, contentType));

        await AssertProblemAsync(response, expected, "invalid-request");
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedBeforeItIsRead()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query")
        {
            Content = new StringContent($"{{\"sql\":\"SELECT '{new string('x', 2_000_000)}'\"}}", Encoding.UTF8, "application/json"),
        };
        // The client waits for "100 Continue" before sending the body, and gets the refusal instead.
        request.Headers.ExpectContinue = true;

        using var response = await lake.Service.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid-request");
    }

    [Theory]
    [InlineData("SELECT current_setting('temp_directory')", "current_setting")]
    [InlineData("SELECT CURRENT_SETTING('allowed_directories')", "current_setting")]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings")]
    [InlineData("SELECT value FROM duckdb_settings() WHERE name = 'profiling_output'", "duckdb_settings")]
    [InlineData("WITH s AS (SELECT * FROM duckdb_settings()) SELECT * FROM s", "duckdb_settings")]
    [InlineData("SELECT * FROM duckdb_temporary_files()", "duckdb_temporary_files")]
    [InlineData("SELECT * FROM duckdb_databases()", "duckdb_databases")]
    [InlineData("SELECT * FROM duckdb_extensions()", "duckdb_extensions")]
    [InlineData("SELECT sql FROM duckdb_views()", "duckdb_views")]
    [InlineData("SELECT * FROM duckdb_views", "duckdb_views")]
    [InlineData("SELECT view_definition FROM information_schema.views", "views")]
    [InlineData("SELECT definition FROM pg_catalog.pg_views", "pg_views")]
    [InlineData("SELECT * FROM pragma_database_list", "pragma_database_list")]
    [InlineData("EXPLAIN SELECT current_setting('temp_directory')", "current_setting")]
    public async Task NoStatementReadsTheServersSettingsOrPaths(string sql, string named)
    {
        var (status, problem) = await lake.Service.QueryAsync(sql);

        Assert.True(status == HttpStatusCode.Forbidden, $"{sql} → {(int)status}: {problem}");
        Assert.Equal("access-denied", problem.GetProperty("code").GetString());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lake.Service.CacheDirectory, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheQueryProfilesAreNotLeftWhereAQueryCouldReadThem()
    {
        Assert.Equal(60, await lake.Service.ScalarAsync($"SELECT count(*) FROM {lake.Table}"));

        var (status, body) = await lake.Service.QueryAsync(
            $"SELECT count(*) FROM glob('{lake.Service.CacheDirectory}/.profiles/*')");

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        Assert.Equal(0, body.GetProperty("rows")[0][0].GetInt64());
    }

    private HttpClient Anonymous(string? key)
    {
        var http = new HttpClient { BaseAddress = lake.Service.Http.BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("x-api-key", key);
        }

        return http;
    }

    private static HttpRequestMessage Malformed(string body = "{\"sql\": ", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add(ProbeHeader, ProbeValue);
        return request;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.DoesNotContain(ProbeValue, text, StringComparison.Ordinal);
        Assert.DoesNotContain(QueryServiceHost.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
