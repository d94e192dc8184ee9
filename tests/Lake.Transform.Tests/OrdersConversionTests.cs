using System.Globalization;
using System.Text.Json;
using Lake.DuckDb;
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
        var quarantined = ParquetFiles.Query($"SELECT * EXCLUDE (rules, type_errors), array_to_string(type_errors, '|') AS type_errors FROM read_parquet({SqlText.Path(result.QuarantineFile!)}) ORDER BY line");
        Assert.Equal(badRows.Select(b => (long)b.GetProperty("line").GetInt32()), quarantined.Select(q => (long)q["line"]!));
        var rules = Conversions.QuarantinedRules(result);
        foreach (var (bad, row) in badRows.Zip(quarantined))
        {
            var line = bad.GetProperty("line").GetInt32();
            var column = bad.GetProperty("column").GetString()!;
            var rule = bad.GetProperty("rule").GetString()!;
            Assert.Contains((line, rule), rules.Select(r => ((int)r.Line, r.Rule)));
            Assert.Equal(bad.GetProperty("value").GetString(), (string?)row[column] ?? "");
            if (rule == "type")
            {
                Assert.StartsWith($"{column}: '{bad.GetProperty("value").GetString()}' is not a date", (string)row["type_errors"]!);
            }
        }
    }

    [Fact]
    public async Task ValidRowsBecomePartitionsWhoseValuesEqualTheCsv()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-01.csv");
        var expected = CsvOracle.Read(csv).GroupBy(r => r["order_date"]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();

        var result = await _conversions.RunAsync(csv);

        Assert.Equal(expected.Sum(g => g.Count()), result.RowsValid);
        Assert.Equal(0, result.RowsQuarantined);
        Assert.Null(result.QuarantineFile);
        Assert.Equal(expected.Select(g => g.Key), result.Partitions.Select(p => Assert.Single(p.Values)));
        Assert.All(result.Partitions, p => Assert.Equal([$"order_date={p.Values[0]}/part-test-0.parquet"], p.Files));
        var curated = result.CuratedDirectory;
        var actual = ParquetFiles.Query(
            $"SELECT CAST(order_date AS VARCHAR) AS day, count(*) AS n, sum(total) AS total, CAST(sum(quantity) AS BIGINT) AS quantity, string_agg(order_id, ',' ORDER BY order_id) AS ids "
            + $"FROM read_parquet({SqlText.Path(curated + "/*/*.parquet")}, hive_partitioning = true) GROUP BY ALL ORDER BY day");
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (day, row) in expected.Zip(actual))
        {
            Assert.Equal(day.Key, row["day"]);
            Assert.Equal((long)day.Count(), row["n"]);
            Assert.Equal(day.Sum(r => decimal.Parse(r["total"], CultureInfo.InvariantCulture)), row["total"]);
            Assert.Equal(day.Sum(r => long.Parse(r["quantity"], CultureInfo.InvariantCulture)), row["quantity"]);
            Assert.Equal(string.Join(',', day.Select(r => r["order_id"]).Order(StringComparer.Ordinal)), row["ids"]);
        }
    }

    [Fact]
    public async Task CuratedFilesHoldTheTypedNonPartitionColumnsAsZstdParquet()
    {
        var result = await _conversions.RunAsync(RepoPaths.OrdersSeed("valid", "orders-2024-02.csv"));

        var file = Path.Combine(result.CuratedDirectory, result.Partitions[0].Files[0]);
        var schema = ParquetFiles.Query($"SELECT name, duckdb_type FROM parquet_schema({SqlText.Path(file)}) WHERE name <> 'duckdb_schema'");
        Assert.Equal(
            ["order_id VARCHAR", "customer_id VARCHAR", "customer_name VARCHAR", "product_name VARCHAR", "quantity INTEGER",
             "unit_price DECIMAL(12,2)", "currency VARCHAR", "total DECIMAL(14,2)"],
            schema.Select(c => $"{c["name"]} {c["duckdb_type"]}"));
        Assert.Equal("ZSTD", ParquetFiles.Scalar<string>($"SELECT DISTINCT compression FROM parquet_metadata({SqlText.Path(file)})"));
    }

    [Fact]
    public async Task TheKeyFileHoldsTheKeyOfEveryCuratedRow()
    {
        var csv = RepoPaths.OrdersSeed("invalid", "bad-rows.csv");

        var result = await _conversions.RunAsync(csv);

        var keys = ParquetFiles.Query($"SELECT * FROM read_parquet({SqlText.Path(result.KeyFile!)})");
        Assert.Equal(["order_id"], keys[0].Keys);
        Assert.Equal(result.RowsValid, keys.Count);
        Assert.Equal(keys.Count, keys.Select(k => k["order_id"]).Distinct().Count());
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
        Assert.Equal(Enumerable.Range(2, 5).Select(line => ((long)line, "IsPrimaryKey \"order_id\"")), Conversions.QuarantinedRules(two));
        Assert.Equal((10, 0), (oneAgain.RowsValid, oneAgain.RowsQuarantined));
    }

    public void Dispose() => _conversions.Dispose();
}
