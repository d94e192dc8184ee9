using System.Globalization;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// What the curated orders table must hold, computed from the CSV files with CsvHelper, not with the lake's code:
/// every row of the valid files, and the rows of <c>bad-rows.csv</c> its manifest does not name as bad.
/// </summary>
internal sealed class OrdersOracle
{
    private readonly List<(string Currency, string Month, long Quantity, decimal Total)> _rows = [];

    public static OrdersOracle FromSeed()
    {
        var oracle = new OrdersOracle();
        foreach (var file in SeedPaths.ValidFiles)
        {
            oracle.Add(file, badLines: []);
        }

        var badLines = SeedRun.Manifest.Files.Single(f => f.File == "bad-rows.csv").BadRows!.Select(b => b.Line).ToHashSet();
        oracle.Add(SeedPaths.BadRows, badLines);
        return oracle;
    }

    public long Count => _rows.Count;

    /// <summary>Per currency: orders, units, revenue.</summary>
    public SortedDictionary<string, (long Orders, long Units, decimal Revenue)> ByCurrency() => new(_rows
        .GroupBy(r => r.Currency)
        .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(r => r.Quantity), g.Sum(r => r.Total))), StringComparer.Ordinal);

    /// <summary>Per month (<c>yyyy-MM</c>): orders.</summary>
    public SortedDictionary<string, long> ByMonth() => new(_rows.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => (long)g.Count()), StringComparer.Ordinal);

    private void Add(string file, HashSet<int> badLines)
    {
        foreach (var row in CsvOracle.Read(file).Where(r => !badLines.Contains(r.Line)))
        {
            _rows.Add((row["currency"], row["order_date"][..7], long.Parse(row["quantity"], CultureInfo.InvariantCulture), decimal.Parse(row["total"], CultureInfo.InvariantCulture)));
        }
    }
}
