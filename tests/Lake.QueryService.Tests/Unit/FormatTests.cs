using System.Text.Json;
using Lake.QueryService.Results;
using Lake.QueryService.Sandbox;
using Microsoft.AspNetCore.Http;

namespace Lake.QueryService.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class FormatTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    public void ACsvFieldIsQuotedOnlyWhenItMustBe(string? value, string field)
    {
        Assert.Equal(field, CsvQueryResult.Field(value));
    }

    [Fact]
    public void CellsKeepTheirDecimalScaleAndIsoDateForms()
    {
        var column = new ResultColumn("x", "DECIMAL(12,2)");

        Assert.Equal("1234.50", CellText.Format(1234.50m, column));
        Assert.Equal("0.1", CellText.Format(0.1, column));
        Assert.Equal("2024-06-01", CellText.Format(new DateOnly(2024, 6, 1), column));
        Assert.Equal("2024-06-01T08:00:00", CellText.Format(new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc), new ResultColumn("t", "TIMESTAMP")));
        Assert.Equal("2024-06-01T08:00:00Z", CellText.Format(new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc), new ResultColumn("t", "TIMESTAMP WITH TIME ZONE")));
        Assert.Equal("AQI=", CellText.Format(new byte[] { 1, 2 }, column));
        Assert.Null(CellText.Format(null, column));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BothFormatsSayWhetherBytesScannedIsAnEstimate(bool estimated)
    {
        var result = new QueryResult([new ResultColumn("n", "BIGINT")], [[42L]], TimeSpan.FromMilliseconds(3), new ScanStatistics(9_000, 7, estimated));

        var (json, _) = await ExecuteAsync(new JsonQueryResult(result));
        var (_, csv) = await ExecuteAsync(new CsvQueryResult(result));

        using var body = JsonDocument.Parse(json);
        Assert.Equal(9_000, body.RootElement.GetProperty("bytesScanned").GetInt64());
        Assert.Equal(estimated, body.RootElement.GetProperty("bytesScannedEstimated").GetBoolean());
        Assert.Equal(estimated ? "true" : "false", csv.Headers["X-Lake-Bytes-Scanned-Estimated"].ToString());
        Assert.Equal("9000", csv.Headers["X-Lake-Bytes-Scanned"].ToString());
    }

    private static async Task<(string Body, HttpResponse Response)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (System.Text.Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }
}
