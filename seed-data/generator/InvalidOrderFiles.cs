using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lake.SeedGenerator;

/// <summary>
/// The committed set of invalid orders files, each wrong in one way, and their <c>manifest.json</c>.
/// Rebuilt byte for byte by <c>lake-seed invalid --out seed-data/orders/invalid</c>.
/// </summary>
public static class InvalidOrderFiles
{
    public const int Seed = 20240501;
    public const string ManifestName = "manifest.json";

    /// <summary>The uncommitted file over the contract's 100 MiB limit, and how to generate it.</summary>
    public static readonly GenerateSpec Oversize = new(7, (100L << 20) + 1, "2024-05-01", 1);

    private static readonly DateOnly Day = new(2024, 5, 1);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes every file and the manifest into <paramref name="directory"/>; returns the manifest.</summary>
    public static SeedManifest WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var factory = new OrderRowFactory(Seed, 0);
        var files = new List<InvalidSeedFile>
        {
            Write(directory, "empty.csv", "", new("empty.csv", "file", "NotEmpty", 0, "0 bytes", 0, 0)),
            Write(directory, "header-only.csv", Lines(OrderRow.Header), new("header-only.csv", "file", "NotHeaderOnly", 0, "the header and no rows", 0, 0)),
            WrongHeader(directory, factory, "wrong-header-renamed-column.csv", "quantity", "qty", "column quantity is named qty"),
            WrongHeader(directory, factory, "wrong-header-missing-column.csv", "currency", null, "column currency is missing from the header and the rows"),
            Semicolons(directory, factory),
            Latin1(directory, factory),
            LongLine(directory, factory),
            BadRows(directory, factory),
            new("oversize.csv", "file", "MaxBytes", 0,
                $"over the contract's maxBytes (100 MiB); not committed: generate it (seed {Oversize.Seed}, --files 1, --min-bytes {Oversize.MinBytes})",
                0, 0, Committed: false, Generate: Oversize),
        };
        var manifest = new SeedManifest("orders", "contracts/orders.yaml",
            "Invalid orders files: for each, what is wrong and which check should catch it. Regenerate with: dotnet run --project seed-data/generator -- invalid --out seed-data/orders/invalid",
            files);
        File.WriteAllText(Path.Combine(directory, ManifestName), JsonSerializer.Serialize(manifest, Json) + "\n", Utf8);
        return manifest;
    }

    /// <summary>Reads the manifest written by <see cref="WriteAll"/> (e.g. <c>seed-data/orders/invalid/manifest.json</c>).</summary>
    public static SeedManifest ReadManifest(string directory) =>
        JsonSerializer.Deserialize<SeedManifest>(File.ReadAllText(Path.Combine(directory, ManifestName)), Json)
        ?? throw new InvalidDataException($"{Path.Combine(directory, ManifestName)} holds JSON null.");

    private static InvalidSeedFile WrongHeader(string directory, OrderRowFactory factory, string name, string column, string? renamed, string description)
    {
        var keep = OrderRow.Header.Select((c, i) => (c, i)).Where(x => x.c != column || renamed is not null).Select(x => x.i).ToList();
        var header = keep.Select(i => OrderRow.Header[i] == column ? renamed! : OrderRow.Header[i]).ToList();
        var rows = Rows(factory, 5).Select(r => (IReadOnlyList<string>)[.. keep.Select(i => r.Fields[i])]);
        return Write(directory, name, Lines([header, .. rows]), new(name, "file", "HeaderMatches", 1, description, 5, 0));
    }

    private static InvalidSeedFile Semicolons(string directory, OrderRowFactory factory)
    {
        // A spreadsheet export with a European locale: ';' between fields, ',' as the decimal mark.
        var rows = Rows(factory, 5).Select(r => (IReadOnlyList<string>)
            [.. r.Fields.Select((f, i) => i is 6 or 8 ? f.Replace('.', ',') : f)]);
        const string name = "semicolon-delimiter.csv";
        return Write(directory, name, Lines([OrderRow.Header, .. rows], ';'),
            new(name, "file", "Delimiter", 1, "fields separated by ';' and decimal commas (a European spreadsheet export)", 5, 0));
    }

    private static InvalidSeedFile Latin1(string directory, OrderRowFactory factory)
    {
        // Two rows of plain ASCII, then names with accents: the first byte that is not UTF-8 is on line 4.
        var candidates = Rows(factory, 400).Where(r => r.Fields.All(f => f.All(c => c <= 0xFF))).ToList();
        var ascii = candidates.Where(r => r.Fields.All(f => f.All(char.IsAscii))).Take(2);
        var accented = candidates.Where(r => !r.CustomerName.All(char.IsAscii)).Take(4);
        const string name = "latin1-encoding.csv";
        var bytes = Encoding.Latin1.GetBytes(Lines([OrderRow.Header, .. ascii.Select(r => r.Fields), .. accented.Select(r => r.Fields)]));
        File.WriteAllBytes(Path.Combine(directory, name), bytes);
        return new(name, "file", "Utf8", 4, "encoded as ISO-8859-1 (Latin-1): accented names are single bytes such as 0xE9 for 'é'", 6, 0);
    }

    private static InvalidSeedFile LongLine(string directory, OrderRowFactory factory)
    {
        var rows = Rows(factory, 5);
        var message = string.Concat(Enumerable.Repeat("Happy birthday! Enjoy your present, with love from all of us. ", 80));
        rows[2] = rows[2] with { ProductName = $"{rows[2].ProductName} (gift message: {message.Trim()})" };
        const string name = "line-too-long.csv";
        return Write(directory, name, Lines([OrderRow.Header, .. rows.Select(r => r.Fields)]),
            new(name, "file", "MaxLineLength", 4, "line 4 carries a pasted gift message: over the contract's maxLineLength of 4096 bytes", 5, 0));
    }

    private static InvalidSeedFile BadRows(string directory, OrderRowFactory factory)
    {
        OrderDefect[] defects =
            [OrderDefect.NegativeQuantity, OrderDefect.UnknownCurrency, OrderDefect.WrongTotal, OrderDefect.MissingOrderId,
             OrderDefect.DuplicateOrderId, OrderDefect.UnparseableDate, OrderDefect.DateOutOfRange];
        var rows = Rows(factory, 40);
        var bad = new List<BadSeedRow>();
        for (var k = 0; k < defects.Length; k++)
        {
            var index = 3 + (k * 5);
            var defect = defects[k];
            rows[index] = factory.Break(rows[index], defect, rows[index - 1].OrderId);
            var (column, rule) = OrderRules.For(defect);
            var value = rows[index].Fields[OrderRow.Header.ToList().IndexOf(column)];
            bad.Add(new BadSeedRow(index + 2, column, rule, value, defect == OrderDefect.DuplicateOrderId ? index + 1 : null));
        }

        const string name = "bad-rows.csv";
        return Write(directory, name, Lines([OrderRow.Header, .. rows.Select(r => r.Fields)]),
            new(name, "row", "RowRules", 0, "a valid file whose rows include one of each defect; the other rows are valid", 40, bad.Count, bad));
    }

    private static List<OrderRow> Rows(OrderRowFactory factory, int count) =>
        [.. Enumerable.Range(0, count).Select(i => factory.Valid(Day.AddDays(i / 10), 90_000_000 + i))];

    private static string Lines(IEnumerable<IReadOnlyList<string>> lines, char delimiter = ',')
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            OrderRow.AppendLine(text, line, delimiter);
        }

        return text.ToString();
    }

    private static string Lines(IReadOnlyList<string> header) => Lines([header]);

    private static InvalidSeedFile Write(string directory, string name, string text, InvalidSeedFile entry)
    {
        File.WriteAllText(Path.Combine(directory, name), text, Utf8);
        return entry;
    }
}
