using Lake.QueryService.Results;
using Lake.QueryService.Sandbox;

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
}
