using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lake.Testing;
using Xunit.Abstractions;

namespace Lake.Cli.Tests;

/// <summary><c>lake query</c> and <c>lake tables</c> against the real query service; expected figures from the CSV read by CsvHelper.</summary>
[Collection(CliLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class QueryTests(CliLake lake, ITestOutputHelper output)
{
    private static readonly IReadOnlyList<CsvRecord> February = CsvOracle.Read(RepoPaths.OrdersSeed("valid", "orders-2024-02.csv"));

    private string PerCurrency =>
        $"SELECT currency, count(*) AS orders, sum(total) AS revenue FROM {lake.Database}.orders " +
        "WHERE order_date BETWEEN DATE '2024-02-01' AND DATE '2024-02-29' GROUP BY currency ORDER BY currency";

    /// <summary>currency → (orders, revenue), computed from the CSV.</summary>
    private static List<(string Currency, int Orders, decimal Revenue)> Expected =>
    [
        .. February.GroupBy(r => r["currency"]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Sum(r => decimal.Parse(r["total"], CultureInfo.InvariantCulture)))),
    ];

    [Fact]
    public async Task CsvIsTheServicesCsvWithTheCsvFilesTotals()
    {
        await lake.FebruaryOrdersAsync();

        var result = await lake.RunAsync("query", PerCurrency, "--format", "csv");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result));
        var lines = result.Stdout.Split("\r\n");
        Assert.Equal("currency,orders,revenue", lines[0]);
        Assert.Equal("", lines[^1]);
        var rows = lines[1..^1].Select(line => line.Split(','))
            .Select(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Expected, rows);
    }

    [Fact]
    public async Task JsonIsTheServicesJsonWithTheCsvFilesTotals()
    {
        await lake.FebruaryOrdersAsync();

        var result = await lake.RunAsync("query", PerCurrency, "--format", "json");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result));
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => (r[0].GetString()!, r[1].GetInt32(), decimal.Parse(r[2].GetString()!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Expected, rows);
        Assert.Equal(Expected.Count, json.RootElement.GetProperty("rowCount").GetInt32());
    }

    [Fact]
    public async Task ATableShowsEveryRowAndTheRowCount()
    {
        await lake.FebruaryOrdersAsync();

        var result = await lake.RunAsync("query", PerCurrency);

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result));
        foreach (var (currency, orders, revenue) in Expected)
        {
            Assert.Matches($@"│ {currency}\s+│\s+{orders}\s+│\s+{Number(revenue)}\s+│", result.Stdout);
        }

        Assert.Contains($"{Expected.Count} row(s) in ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSqlIsTheServicesRefusalOnOneLineWithoutAStackTrace()
    {
        var result = await lake.RunAsync("query", "SELEC nonsense FROM");
        output.WriteLine(LakeTool.Printed(result));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("lake: the query service answered 400", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("syntax", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task TablesListsTheCatalogsOrdersTable()
    {
        await lake.FebruaryOrdersAsync();

        var result = await lake.RunAsync("tables");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result));
        Assert.Contains($"{lake.Database}.orders", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("order_id string", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("order_date", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALakeThatIsNotRunningIsSaidSoWithHowToStartIt()
    {
        var port = ClosedPort();

        var result = await LakeTool.RunAsync(lake.WorkingDirectory, new Dictionary<string, string> { ["LAKE_QUERY_URL"] = $"http://127.0.0.1:{port}" }, "query", "SELECT 1");

        output.WriteLine(LakeTool.Printed(result));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"lake: the lake is not running at http://127.0.0.1:{port}/ (the query service, from LAKE_QUERY_URL): start it with dotnet run --project AppHost", result.Stderr.Trim());
    }

    /// <summary>A pattern for a decimal as DuckDB may print it: trailing zeros of the scale optional (7568.60 or 7568.6).</summary>
    private static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var trimmed = text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
        return System.Text.RegularExpressions.Regex.Escape(trimmed) + (trimmed.Contains('.', StringComparison.Ordinal) ? "0*" : @"(\.0*)?");
    }

    /// <summary>A loopback port nothing listens on (it was free a moment ago).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
