using System.Text.Json;
using Lake.Testing;

namespace Lake.Transform.Tests;

/// <summary>The orders seed files through the conversion; expectations come from CsvHelper and the seed manifest, not from DuckDB.</summary>
[Trait("Category", "Unit")]
public sealed class OrdersConversionTests : IDisposable
{
    private readonly Conversions _conversions = new();

    [Fact]
    public async Task EveryBadRowOfTheManifestLandsInQuarantineWithTheRuleItBroke()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(RepoPaths.OrdersSeed("invalid", "manifest.json")));
        var entry = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == "bad-rows.csv");
        var badRows = entry.GetProperty("badRows").EnumerateArray().ToList();

        var result = await _conversions.RunAsync(RepoPaths.OrdersSeed("invalid", "bad-rows.csv"));

        Assert.Equal(entry.GetProperty("dataRows").GetInt64(), result.RowsIn);
        Assert.Equal(entry.GetProperty("expectedBadRows").GetInt64(), result.RowsQuarantined);
        Assert.Equal(result.RowsIn - result.RowsQuarantined, result.RowsValid);
        var quarantined = (await ParquetFiles.ReadAsync(result.QuarantineFile!)).Rows.OrderBy(r => (long)r["line"]!).ToList();
        Assert.Equal(badRows.Select(b => (long)b.GetProperty("line").GetInt32()), quarantined.Select(q => (long)q["line"]!));
        var rules = await Conversions.QuarantinedRulesAsync(result);
        foreach (var (bad, row) in badRows.Zip(quarantined))
        {
            var line = bad.GetProperty("line").GetInt32();
            var column = bad.GetProperty("column").GetString()!;
            var rule = bad.GetProperty("rule").GetString()!;
            Assert.Contains((line, rule), rules.Select(r => ((int)r.Line, r.Rule)));
            Assert.Equal(bad.GetProperty("value").GetString(), (string?)row[column] ?? "");
            if (rule == "type")
            {
                Assert.StartsWith($"{column}: '{bad.GetProperty("value").GetString()}' is not a date", string.Join('|', (List<object?>)row["type_errors"]!));
            }
        }
    }

    [Fact]
    public async Task ValidRowsBecomePartitionsWhoseValuesEqualTheCsv()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-01.csv");
        var records = CsvOracle.Read(csv);
        var days = records.Select(r => r["order_date"]).Distinct().Order(StringComparer.Ordinal).ToList();

        var result = await _conversions.RunAsync(csv);

        Assert.Equal(records.Count, result.RowsValid);
        Assert.Equal(0, result.RowsQuarantined);
        Assert.Null(result.QuarantineFile);
        Assert.Equal(days, result.Partitions.Select(p => Assert.Single(p.Values)));
        Assert.All(result.Partitions, p => Assert.Equal([$"order_date={p.Values[0]}/part-test-0.parquet"], p.Files));
        var rows = (await ParquetFiles.ReadPartitionedAsync(result.CuratedDirectory)).ToDictionary(r => (string)r["order_id"]!);
        Assert.Equal(records.Count, rows.Count);
        foreach (var record in records)
        {
            var row = rows[record["order_id"]];
            Assert.Equal(record["order_date"], row["order_date"]);
            Assert.Equal(ContractValues.Curated(Conversions.Orders, record), row.Where(c => c.Key != "order_date").ToDictionary());
        }
    }

    [Fact]
    public async Task CuratedFilesHoldTheContractsTypedNonPartitionColumnsAsZstdParquet()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-02.csv");
        var contract = Conversions.Orders;

        var result = await _conversions.RunAsync(csv);

        var files = await Task.WhenAll(result.Partitions.SelectMany(p => p.Files).Select(f => ParquetFiles.ReadAsync(Path.Combine(result.CuratedDirectory, f))));
        var columns = contract.Columns.Where(c => !contract.PartitionBy.Contains(c.Name)).Select(c => $"{c.Name} {c.Type}").ToList();
        Assert.Equal(["order_id string", "customer_id string", "customer_name string", "product_name string", "quantity int", "unit_price decimal(12,2)", "currency string", "total decimal(14,2)"], columns);
        Assert.All(files, file => Assert.Equal(columns, file.Columns));
        Assert.All(files, file => Assert.Equal(["ZSTD"], file.Codecs));
        Assert.Equal(CsvOracle.Read(csv).Count, files.Sum(f => f.Rows.Count));
    }

    [Fact]
    public async Task TheKeyFileHoldsTheKeyOfEveryCuratedRow()
    {
        var csv = RepoPaths.OrdersSeed("invalid", "bad-rows.csv");

        var result = await _conversions.RunAsync(csv);

        var keys = await ParquetFiles.ReadAsync(result.KeyFile!);
        Assert.Equal(["order_id string"], keys.Columns);
        Assert.Equal(result.RowsValid, keys.Rows.Count);
        Assert.Equal(keys.Rows.Count, keys.Rows.Select(k => k["order_id"]).Distinct().Count());
    }

    [Fact]
    public async Task AKeyAnEarlierUploadHoldsIsQuarantinedAndItsOwnKeysAreNotCounted()
    {
        var records = File.ReadAllLines(RepoPaths.OrdersSeed("valid", "orders-2024-03.csv"));
        var first = _conversions.File("first.csv", string.Join('\n', records[..11]) + "\n");
        var second = _conversions.File("second.csv", string.Join('\n', records[..1].Concat(records[6..16])) + "\n");

        var one = await _conversions.RunAsync(first);
        var two = await _conversions.RunAsync(second, one.KeyFile!);
        var oneAgain = await _conversions.RunAsync(first, two.KeyFile!);

        Assert.Equal((10, 0), (one.RowsValid, one.RowsQuarantined));
        Assert.Equal((5, 5), (two.RowsValid, two.RowsQuarantined));
        Assert.Equal(Enumerable.Range(2, 5).Select(line => ((long)line, "IsPrimaryKey \"order_id\"")), await Conversions.QuarantinedRulesAsync(two));
        Assert.Equal((10, 0), (oneAgain.RowsValid, oneAgain.RowsQuarantined));
    }

    public void Dispose() => _conversions.Dispose();
}
