using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.QueryService.Tests;

/// <summary>The result formats: typed JSON (exact decimals, ISO dates) and RFC 4180 CSV.</summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class QueryResponseTests(ServedLake lake)
{
    private const string Values = """
        SELECT 42 AS i, 9007199254740993::BIGINT AS big, 1.5::DOUBLE AS d, true AS b, 12.50::DECIMAL(12,2) AS money,
               DATE '2024-06-01' AS day, TIMESTAMP '2024-06-01 12:30:45.25' AS at, NULL::VARCHAR AS nothing, 'a,b "c"' AS text
        """;

    [Fact]
    public async Task JsonCarriesColumnTypesTypedValuesExactDecimalsAndTheQuerysFigures()
    {
        var (status, body) = await lake.Service.QueryAsync(Values);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ["INTEGER", "BIGINT", "DOUBLE", "BOOLEAN", "DECIMAL(12,2)", "DATE", "TIMESTAMP", "VARCHAR", "VARCHAR"],
            body.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        var row = body.GetProperty("rows")[0];
        Assert.Equal(42, row[0].GetInt32());
        Assert.Equal("9007199254740993", row[1].GetRawText());
        Assert.Equal(1.5, row[2].GetDouble());
        Assert.True(row[3].GetBoolean());
        Assert.Equal("12.50", row[4].GetString());
        Assert.Equal("2024-06-01", row[5].GetString());
        Assert.Equal("2024-06-01T12:30:45.25", row[6].GetString());
        Assert.Equal(JsonValueKind.Null, row[7].ValueKind);
        Assert.Equal("a,b \"c\"", row[8].GetString());
        Assert.Equal(1, body.GetProperty("rowCount").GetInt32());
        Assert.True(body.GetProperty("elapsedMs").GetDouble() >= 0);
        Assert.Equal(0, body.GetProperty("bytesScanned").GetInt64());
    }

    [Fact]
    public async Task CsvIsRfc4180WithAHeaderRow()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query")
        {
            Content = JsonContent.Create(new { sql = "SELECT 'a,b' AS x, 'say \"hi\"' AS y, 'line1' || chr(10) || 'line2' AS z, NULL AS n, 12.50::DECIMAL(12,2) AS d, DATE '2024-06-01' AS day" }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await lake.Service.Http.SendAsync(request);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("x,y,z,n,d,day\r\n\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",,12.50,2024-06-01\r\n", csv);
        Assert.Equal("1", response.Headers.GetValues("X-Lake-Row-Count").Single());
    }

    [Fact]
    public async Task CsvOfATableHasOneLinePerRowAfterTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query") { Content = JsonContent.Create(new { sql = $"SELECT order_id, total FROM {lake.Table} ORDER BY order_id" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await lake.Service.Http.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("order_id,total", lines[0]);
        Assert.Equal(61, lines.Length);
        Assert.Matches(@"^ORD-20240601-00000001,\d+\.\d{2}$", lines[1]);
    }

    [Fact]
    public async Task AResultWithATypeTheServiceCannotReturnSaysWhichColumnToCast()
    {
        var (status, problem) = await lake.Service.QueryAsync("SELECT [1, 2, 3] AS numbers, 1 AS fine");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("query-failed", problem.GetProperty("code").GetString());
        Assert.Contains("numbers (LIST)", problem.GetProperty("detail").GetString());
    }
}
