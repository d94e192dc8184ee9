using System.Globalization;
using System.Text.RegularExpressions;
using Lake.Aws.Athena;
using Lake.Examples.AthenaQuery;

namespace Lake.QueryService.Tests.Athena;

/// <summary>
/// Queries written for Athena (Trino's dialect) over the served orders, run unchanged through the Athena API; the
/// expected rows come from the orders the lake was built from (<see cref="OrderRow"/>), or, for functions over
/// constants, from Trino's documented results.
/// </summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AthenaSqlCorpusTests(ServedLake lake)
{
    private static readonly IReadOnlyList<OrderRow> Orders =
        [.. Enumerable.Range(0, 3).SelectMany(day => OrderRow.For(ServedLake.FirstDay.AddDays(day), 10 * (day + 1)))];

    public static TheoryData<string> Corpus => new(Cases.Keys);

    private static Dictionary<string, (string Sql, Func<IEnumerable<string[]>> Expected)> Cases => new()
    {
        ["date_format by month"] = ("""SELECT date_format(order_date, '%Y-%m') AS month, count(*) AS orders FROM "{db}"."orders" GROUP BY 1 ORDER BY 1""",
            () => Orders.GroupBy(o => o.OrderDate.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Select(g => new[] { g.Key, Text(g.Count()) })),
        ["date_format with MySQL specifiers"] = ("SELECT date_format(TIMESTAMP '2024-06-01 13:05:09', '%W %M %e %Y %H:%i:%s %T %c/%e')",
            () => [["Saturday June 1 2024 13:05:09 13:05:09 6/1"]]),
        ["date_trunc to the month, as a date"] = ("""SELECT CAST(date_trunc('month', order_date) AS date) AS month, sum(total) AS revenue FROM "{db}"."orders" GROUP BY 1""",
            () => [["2024-06-01", Text(Orders.Sum(o => o.Total))]]),
        ["from_iso8601_date in a filter"] = ("""SELECT count(*) FROM "{db}"."orders" WHERE order_date = from_iso8601_date('2024-06-02')""",
            () => [[Text(Orders.Count(o => o.Day == "2024-06-02"))]]),
        ["approx_distinct"] = ("""SELECT approx_distinct(customer_id) FROM "{db}"."orders" """,
            () => [[Text(Orders.Select(o => o.CustomerId).Distinct().Count())]]),
        ["regexp_like"] = ("""SELECT count(*) FROM "{db}"."orders" WHERE regexp_like(order_id, '-0000001[0-9]$')""",
            () => [[Text(Orders.Count(o => Regex.IsMatch(o.OrderId, "-0000001[0-9]$")))]]),
        ["cardinality of an array"] = ("SELECT cardinality(ARRAY[1, 2, 3])", () => [["3"]]),
        ["CAST AS varchar, TRY_CAST, LIMIT"] = ("""SELECT CAST(quantity AS varchar) AS q, TRY_CAST(customer_name AS integer) AS n FROM "{db}"."orders" ORDER BY order_id LIMIT 2""",
            () => Orders.OrderBy(o => o.OrderId, StringComparer.Ordinal).Take(2).Select(o => new[] { Text(o.Quantity), "" })),
        ["window functions"] = ("""
            SELECT order_date, sum(total) AS revenue, rank() OVER (ORDER BY sum(total) DESC) AS r,
                   sum(sum(total)) OVER (ORDER BY order_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
            FROM "{db}"."orders" GROUP BY order_date ORDER BY order_date
            """,
            () =>
            {
                var days = Orders.GroupBy(o => o.Day).Select(g => (Day: g.Key, Revenue: g.Sum(o => o.Total))).OrderBy(d => d.Day, StringComparer.Ordinal).ToList();
                return days.Select((d, i) => new[] { d.Day, Text(d.Revenue), Text(1 + days.Count(x => x.Revenue > d.Revenue)), Text(days.Take(i + 1).Sum(x => x.Revenue)) });
            }),
        ["split_part, strpos, lower"] = ("""SELECT split_part(order_id, '-', 2) AS day, strpos(order_id, '-') AS dash, lower(currency) AS c FROM "{db}"."orders" ORDER BY order_id LIMIT 1""",
            () => [["20240601", "4", Orders.OrderBy(o => o.OrderId, StringComparer.Ordinal).First().Currency.ToLowerInvariant()]]),
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task AnAthenaQueryRunsUnchangedWithTheExpectedResult(string name)
    {
        var (sql, expected) = Cases[name];
        using var client = AthenaClients.For(lake);

        var rows = await new AthenaQuery(client).RunAsync(sql.Replace("{db}", lake.Lake.Options.GlueDatabase, StringComparison.Ordinal), null, CancellationToken.None);

        Assert.Equal(expected().Select(r => string.Join('|', r)), rows.Skip(1).Select(r => string.Join('|', r.Select(v => v ?? ""))));
    }

    [Theory]
    [InlineData("SELECT url_extract_host('https://example.com/a')", "FUNCTION_NOT_FOUND: line 1:8: Function 'url_extract_host' not registered")]
    [InlineData("SELECT order_id,\n       levenshtein_distance(order_id, 'x') FROM orders", "FUNCTION_NOT_FOUND: line 2:8: Function 'levenshtein_distance' not registered")]
    public async Task AFunctionAthenaHasButTheServiceLacksFailsWithAthenasErrorNamingIt(string sql, string reason)
    {
        using var client = AthenaClients.For(lake);

        var failure = await Assert.ThrowsAsync<AthenaQueryFailedException>(() => new AthenaQuery(client).RunAsync(sql, null, CancellationToken.None));

        Assert.Equal(QueryExecutionState.FAILED, failure.State);
        Assert.EndsWith(reason, failure.Message);
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
