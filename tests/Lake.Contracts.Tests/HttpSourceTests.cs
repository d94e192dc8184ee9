using Lake.Contracts.Sources;

namespace Lake.Contracts.Tests;

/// <summary>The optional <c>source: { http: ... }</c> section and its EventBridge schedule expressions.</summary>
[Trait("Category", "Unit")]
public class HttpSourceTests
{
    private static string Contract(string source) => $"""
        dataset: orders
        version: 1
        description: A test dataset
        columns:
          - {"{"} name: order_id, type: string, nullable: false {"}"}
          - {"{"} name: customer_name, type: string {"}"}
        source:
        {source}
        rules: |
          Rules = [ RowCount > 0 ]
        """;

    [Fact]
    public void AJsonSourceIsReadWithItsPagingAndMapAndDefaults()
    {
        var source = ContractLoader.Parse(Contract("""
              http:
                url: "http://shop.test/v1/orders?since={window.start}&until={window.end}"
                schedule: rate(5 minutes)
                format: json-array
                records: data.orders
                paging: { cursor: after, next: paging.next }
                map: { customer_name: customer.name }
            """), "c.yaml").Source!;

        Assert.Equal("http://shop.test/v1/orders?since={window.start}&until={window.end}", source.Url.OriginalString);
        Assert.Equal((RecordFormat.JsonArray, "data.orders"), (source.Format, source.Records));
        Assert.Equal(new HttpPaging(PagingKind.Cursor, "after", "paging.next", 100), source.Paging);
        Assert.Equal("order_id", source.Map["order_id"]);
        Assert.Equal("customer.name", source.Map["customer_name"]);
        Assert.Equal((10, 3), (source.TimeoutSeconds, source.MaxAttempts));
    }

    [Theory]
    [InlineData("url: ftp://x/y\n    schedule: rate(1 hour)\n    format: csv", 3, "not an absolute http(s) URL")]
    [InlineData("url: http://x/{day}\n    schedule: rate(1 hour)\n    format: csv", 3, "not an absolute http(s) URL")]
    [InlineData("url: http://x/\n    schedule: rate(0 minutes)\n    format: csv", 4, "a rate is a whole number of 1 or more")]
    [InlineData("url: http://x/\n    schedule: rate(1 minutes)\n    format: csv", 4, "singular for 1")]
    [InlineData("url: http://x/\n    schedule: every 5 minutes\n    format: csv", 4, "is not a schedule expression")]
    [InlineData("url: http://x/\n    schedule: cron(0 * * * * *)\n    format: csv", 4, "exactly one of day-of-month and day-of-week is '?'")]
    [InlineData("url: http://x/\n    schedule: cron(0 * * * ? 2027)\n    format: csv", 4, "only '*' as the year")]
    [InlineData("url: http://x/\n    schedule: rate(1 hour)\n    format: xml", 5, "not one of json-array, json-lines, csv")]
    [InlineData("url: http://x/\n    schedule: rate(1 hour)\n    format: csv\n    map: { order_id: id }", 6, "source map is for JSON formats")]
    [InlineData("url: http://x/\n    schedule: rate(1 hour)\n    format: json-lines\n    map: { nope: id }", 6, "unknown key 'nope' in source map")]
    [InlineData("url: http://x/\n    schedule: rate(1 hour)\n    format: json-lines\n    paging: { cursor: c }", 6, "needs 'next'")]
    [InlineData("url: http://x/\n    schedule: rate(1 hour)\n    format: json-lines\n    timeoutSeconds: 0", 6, "between 1 and 300")]
    public void ABadSourceFailsAtItsLineWithWhatIsExpected(string http, int line, string expected)
    {
        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(Contract($"  http:\n    {http}"), "c.yaml"));

        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
        Assert.Equal(line + 6, error.Position.Line);
    }

    [Theory]
    [InlineData("rate(5 minutes)", "2026-12-04T13:02:10Z", "2026-12-04T13:05:00Z", "2026-12-04T13:00:00Z")]
    [InlineData("rate(1 hour)", "2026-12-04T13:00:00Z", "2026-12-04T14:00:00Z", "2026-12-04T13:00:00Z")]
    [InlineData("rate(1 day)", "2026-12-04T13:00:00Z", "2026-12-05T00:00:00Z", "2026-12-04T00:00:00Z")]
    [InlineData("cron(0 * * * ? *)", "2026-12-04T13:02:10Z", "2026-12-04T14:00:00Z", "2026-12-04T13:00:00Z")]
    [InlineData("cron(30 6 ? * 2-6 *)", "2026-12-04T13:00:00Z", "2026-12-07T06:30:00Z", "2026-12-04T06:30:00Z")]
    [InlineData("cron(0 12 1 * ? *)", "2026-12-04T13:00:00Z", "2027-01-01T12:00:00Z", "2026-12-01T12:00:00Z")]
    public void AScheduleGivesItsNextFireTimeAndTheWindowBeforeIt(string expression, string now, string next, string previous)
    {
        var schedule = ScheduleExpression.Parse(expression);

        var fire = schedule.Next(At(now));

        Assert.Equal(At(next), fire);
        Assert.Equal(At(previous), schedule.Previous(fire));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
