using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Lake.SeedGenerator;

namespace Lake.Contracts.Tests;

/// <summary>
/// The committed seed files are what they claim: valid files pass every rule of the contract, and each invalid
/// file is wrong exactly as its manifest says, checked here with plain C# rather than the code that made it.
/// </summary>
[Trait("Category", "Unit")]
public class SeedFileTests
{
    private static readonly DatasetContract Orders = ContractLoader.LoadFile(RepoFiles.OrdersContract);
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static TheoryData<string> InvalidFiles => [.. Manifest().EnumerateArray().Select(f => f.GetProperty("file").GetString()!)];

    [Fact]
    public void TheOracleKnowsEveryRuleOfTheOrdersContract()
    {
        Assert.Equal(Orders.Rules.Select(r => r.Text).Order(StringComparer.Ordinal), OrdersOracle.Rules.Order(StringComparer.Ordinal));
        Assert.Equal(Orders.Header, OrdersOracle.Header);
    }

    [Fact]
    public void ThereAreAtLeastFourMonthsOfValidOrdersOfAFewHundredRowsEach()
    {
        var files = Directory.GetFiles(RepoFiles.ValidOrders, "*.csv").Order(StringComparer.Ordinal).ToList();

        Assert.True(files.Count >= 4, $"{files.Count} valid files");
        Assert.All(files, f => Assert.InRange(OrdersOracle.Evaluate(File.ReadAllBytes(f)).Rows.Count, 200, 1000));
    }

    [Fact]
    public void EveryValidSeedFileHasTheContractsHeaderAndEveryRowPassesEveryRule()
    {
        var ids = new HashSet<string>();
        foreach (var file in Directory.GetFiles(RepoFiles.ValidOrders, "*.csv"))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.Length <= Orders.Limits.MaxBytes);
            Assert.All(Lines(bytes), line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, Orders.Limits.MaxLineLength));

            var (header, rows) = OrdersOracle.Evaluate(bytes);

            Assert.Equal(Orders.Header, header);
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.True(r.Broken.Count == 0, $"{Path.GetFileName(file)} line {r.Line} breaks {string.Join("; ", r.Broken)}"));
            Assert.All(rows, r => Assert.Equal(decimal.Parse(r.Row["quantity"]) * decimal.Parse(r.Row["unit_price"]), decimal.Parse(r.Row["total"])));
            Assert.All(rows, r => Assert.True(ids.Add(r.Row["order_id"]), $"order_id {r.Row["order_id"]} repeats across the valid files"));
            Assert.Single(rows.Select(r => r.Row["order_date"][..7]).Distinct());
        }
    }

    [Fact]
    public void TheManifestDescribesEveryInvalidFileAndEveryFileCheck()
    {
        var described = Manifest().EnumerateArray().ToList();
        var committed = Directory.GetFiles(RepoFiles.InvalidOrders).Select(Path.GetFileName).Where(n => n is not ("manifest.json" or "README.md"));

        Assert.Equal(
            committed.Order(StringComparer.Ordinal),
            described.Where(f => f.GetProperty("committed").GetBoolean()).Select(f => f.GetProperty("file").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["Delimiter", "HeaderMatches", "MaxBytes", "MaxLineLength", "NotEmpty", "NotHeaderOnly", "RowRules", "Utf8"],
            described.Select(f => f.GetProperty("check").GetString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void EachInvalidSeedFileIsWrongTheWayTheManifestSays(string name)
    {
        var entry = Manifest().EnumerateArray().Single(f => f.GetProperty("file").GetString() == name);
        var check = entry.GetProperty("check").GetString();
        var line = entry.GetProperty("line").GetInt32();
        if (check == "MaxBytes")
        {
            AssertOversize(entry);
            return;
        }

        var bytes = File.ReadAllBytes(Path.Combine(RepoFiles.InvalidOrders, name));
        var expectedHeader = string.Join(',', Orders.Header);
        switch (check)
        {
            case "NotEmpty":
                Assert.Empty(bytes);
                break;
            case "NotHeaderOnly":
                Assert.Equal(expectedHeader + "\n", StrictUtf8.GetString(bytes));
                break;
            case "HeaderMatches":
                var header = Lines(bytes)[0].Split(',');
                Assert.NotEqual(Orders.Header, header);
                Assert.NotEmpty(Orders.Header.Except(header));
                Assert.All(Lines(bytes).Skip(1), row => Assert.Equal(header.Length, OrdersCsvFields(row)));
                break;
            case "Delimiter":
                var first = Lines(bytes)[0];
                Assert.DoesNotContain(",", first, StringComparison.Ordinal);
                Assert.Equal(Orders.Header, first.Split(';'));
                break;
            case "Utf8":
                Assert.Throws<DecoderFallbackException>(() => StrictUtf8.GetString(bytes));
                var badLine = 1 + bytes.AsSpan(0, FirstInvalidUtf8Byte(bytes)).Count((byte)'\n');
                Assert.Equal(line, badLine);
                // Read as Latin-1 the same bytes are a valid orders file: only the encoding is wrong.
                var (latinHeader, latinRows) = OrdersOracle.Evaluate(Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(bytes)));
                Assert.Equal(Orders.Header, latinHeader);
                Assert.All(latinRows, r => Assert.Empty(r.Broken));
                Assert.Contains(latinRows, r => r.Row["customer_name"].Any(c => c > 0x7F));
                break;
            case "MaxLineLength":
                var lengths = Lines(bytes).Select(l => Encoding.UTF8.GetByteCount(l)).ToList();
                Assert.Equal([line], lengths.Select((length, i) => (length, line: i + 1)).Where(x => x.length > Orders.Limits.MaxLineLength).Select(x => x.line));
                Assert.All(OrdersOracle.Evaluate(bytes).Rows, r => Assert.Empty(r.Broken));
                break;
            case "RowRules":
                AssertBadRows(entry, bytes);
                break;
            default:
                Assert.Fail($"{name}: unknown check {check}");
                break;
        }

        Assert.Equal(entry.GetProperty("dataRows").GetInt32(), Math.Max(0, Lines(bytes).Count - 1));
    }

    private static void AssertBadRows(JsonElement entry, byte[] bytes)
    {
        var (header, rows) = OrdersOracle.Evaluate(bytes);
        var expected = entry.GetProperty("badRows").EnumerateArray().ToList();

        Assert.Equal(Orders.Header, header);
        Assert.Equal(expected.Select(b => b.GetProperty("line").GetInt32()), rows.Where(r => r.Broken.Count > 0).Select(r => r.Line));
        Assert.Equal(entry.GetProperty("expectedBadRows").GetInt32(), rows.Count(r => r.Broken.Count > 0));
        foreach (var bad in expected)
        {
            var rule = bad.GetProperty("rule").GetString()!;
            var row = rows.Single(r => r.Line == bad.GetProperty("line").GetInt32());
            Assert.Contains(rule, row.Broken);
            Assert.True(rule == OrdersOracle.Type || Orders.Rules.Any(r => r.Text == rule), $"{rule} is not a rule of the contract");
            Assert.Equal(bad.GetProperty("value").GetString(), row.Row[bad.GetProperty("column").GetString()!]);
            if (bad.TryGetProperty("duplicateOf", out var original))
            {
                Assert.Equal(row.Row["order_id"], rows.Single(r => r.Line == original.GetInt32()).Row["order_id"]);
            }
        }
    }

    private static void AssertOversize(JsonElement entry)
    {
        Assert.False(entry.GetProperty("committed").GetBoolean());
        Assert.False(File.Exists(Path.Combine(RepoFiles.InvalidOrders, entry.GetProperty("file").GetString()!)));
        var spec = entry.GetProperty("generate");
        var generator = new OrderFileGenerator(new OrderGeneratorOptions
        {
            Files = 1,
            Seed = spec.GetProperty("seed").GetInt32(),
            MinBytes = spec.GetProperty("minBytes").GetInt64(),
            StartDate = DateOnly.Parse(spec.GetProperty("startDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Months = spec.GetProperty("months").GetInt32(),
        });
        using var output = new CountingStream();

        var summary = generator.Write(generator.Files[0], output);

        Assert.True(output.Count > Orders.Limits.MaxBytes, $"{output.Count:N0} bytes is not over {Orders.Limits.MaxBytes:N0}");
        Assert.Equal(output.Count, summary.Bytes);
    }

    private static JsonElement Manifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoFiles.InvalidOrders, "manifest.json")));
        return document.RootElement.GetProperty("files").Clone();
    }

    private static List<string> Lines(byte[] bytes)
    {
        var text = Utf8.IsValid(bytes) ? StrictUtf8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        return [.. text.Split('\n').SkipLast(1)];
    }

    private static int FirstInvalidUtf8Byte(byte[] bytes)
    {
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : valid;
    }

    /// <summary>Counts a CSV line's fields, honouring double quotes.</summary>
    private static int OrdersCsvFields(string line)
    {
        var (fields, quoted) = (1, false);
        foreach (var c in line)
        {
            (fields, quoted) = c switch
            {
                '"' => (fields, !quoted),
                ',' when !quoted => (fields + 1, quoted),
                _ => (fields, quoted),
            };
        }

        return fields;
    }
}
