using System.Net;

namespace Lake.QueryService.Tests;

/// <summary>
/// Values .NET's DateOnly, DateTime and decimal cannot hold (issue 14, defect 5) come back as DuckDB's own text, in
/// JSON and CSV alike, never as a 500.
/// </summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class OutOfRangeValueTests(ServedLake lake)
{
    [Theory]
    [InlineData("SELECT 'infinity'::DATE AS v", "infinity")]
    [InlineData("SELECT '-infinity'::DATE AS v", "-infinity")]
    [InlineData("SELECT '-infinity'::TIMESTAMP AS v", "-infinity")]
    [InlineData("SELECT 'infinity'::TIMESTAMPTZ AS v", "infinity")]
    [InlineData("SELECT DATE '5877642-06-25' AS v", "5877642-06-25")]
    [InlineData("SELECT TIMESTAMP '290000-01-01' AS v", "290000-01-01T00:00:00")]
    [InlineData("SELECT TIMESTAMP '290000-01-01 12:30:45.25' AS v", "290000-01-01T12:30:45.25")]
    [InlineData("SELECT 99999999999999999999999999999.0::DECIMAL(38,1) AS v", "99999999999999999999999999999.0")]
    [InlineData("SELECT -12345678901234567890123456789.12345::DECIMAL(38,5) AS v", "-12345678901234567890123456789.12345")]
    public async Task AValueBeyondDotNetsRangeIsAnsweredAsDuckDbsText(string sql, string expected)
    {
        var (status, body) = await lake.Service.QueryAsync(sql);

        Assert.True(status == HttpStatusCode.OK, $"{sql} → {(int)status}: {body}");
        Assert.Equal(expected, body.GetProperty("rows")[0][0].GetString());
    }

    [Fact]
    public async Task InCsvTooAnOutOfRangeValueIsItsText()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { sql = "SELECT 'infinity'::DATE AS d, 99999999999999999999999999999.0::DECIMAL(38,1) AS n" }),
        };
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await lake.Service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("d,n\r\ninfinity,99999999999999999999999999999.0\r\n", await response.Content.ReadAsStringAsync());
    }
}
