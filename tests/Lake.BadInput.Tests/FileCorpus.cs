using System.IO.Compression;
using System.Text;

namespace Lake.BadInput.Tests;

/// <summary>What a file must come to: rejected by the validate function's named check, or curated with exact row counts.</summary>
public abstract record FileOutcome
{
    public sealed record Rejected(string Check) : FileOutcome
    {
        public override string ToString() => $"Rejected ({Check})";
    }

    public sealed record Cataloged(int Valid, int Quarantined, string? QuarantineRule = null) : FileOutcome
    {
        public override string ToString() => $"Cataloged ({Valid} valid, {Quarantined} quarantined{(QuarantineRule is null ? "" : $" by {QuarantineRule}")})";
    }

    public sealed record Failed(string ReasonContains) : FileOutcome
    {
        public override string ToString() => $"Failed ({ReasonContains})";
    }
}

/// <summary>One bad file: an id for the docs table, what is wrong with it, its bytes (order ids unique to the case).</summary>
public sealed record FileCase(string Id, string What, Func<string, byte[]> Content, FileOutcome Expected)
{
    public override string ToString() => $"{Id}: {What}";
}

/// <summary>The file contents of the corpus (docs/bad-input.md lists them with their outcomes).</summary>
public static class FileCorpus
{
    public const string Header = "order_id,order_date,customer_id,customer_name,product_name,quantity,unit_price,currency,total";

    public static readonly IReadOnlyList<FileCase> Cases =
    [
        new("F02", "only blank lines", _ => Utf8("\n\n  \n"), new FileOutcome.Rejected("NotEmpty")),
        new("F03", "header but no rows", _ => Utf8(Header + "\n"), new FileOutcome.Rejected("NotHeaderOnly")),
        new("F04", "header missing a column", id => Utf8(Header.Replace(",currency", "", StringComparison.Ordinal) + "\n" + Row(id, 1).Replace(",EUR", "", StringComparison.Ordinal)), new FileOutcome.Rejected("HeaderMatches")),
        new("F05", "header columns out of order", id => Utf8(Header.Replace("order_id,order_date", "order_date,order_id", StringComparison.Ordinal) + "\n" + Row(id, 1)), new FileOutcome.Rejected("HeaderMatches")),
        new("F06", "semicolon-delimited", id => Utf8((Header + "\n" + Row(id, 1)).Replace(',', ';')), new FileOutcome.Rejected("Delimiter")),
        new("F07", "tab-delimited", id => Utf8((Header + "\n" + Row(id, 1)).Replace(',', '\t')), new FileOutcome.Rejected("Delimiter")),
        new("F08", "UTF-16 with a byte-order mark", id => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Csv(id, 2))).ToArray(), new FileOutcome.Rejected("Utf8")),
        new("F09", "Latin-1 bytes (not UTF-8)", id => Encoding.Latin1.GetBytes(Csv(id, 2).Replace("Ann", "Zoë", StringComparison.Ordinal)), new FileOutcome.Rejected("Utf8")),
        new("F10", "gzip-compressed CSV named .csv", id => Gzip(Csv(id, 2)), new FileOutcome.Rejected("Utf8")),
        new("F11", "a line longer than the contract's 4,096 bytes", id => Utf8(Csv(id, 1) + Row(id, 2, name: new string('x', 5000))), new FileOutcome.Rejected("MaxLineLength")),
        new("F12", "a quoted field of 1 MB", id => Utf8(Csv(id, 1) + Row(id, 2, name: '"' + new string('y', 1_000_000) + '"')), new FileOutcome.Rejected("MaxLineLength")),
        new("F13", "CRLF line endings", id => Utf8(Csv(id, 3).Replace("\n", "\r\n", StringComparison.Ordinal)), new FileOutcome.Cataloged(3, 0)),
        new("F14", "UTF-8 byte-order mark", id => [.. Encoding.UTF8.GetPreamble(), .. Utf8(Csv(id, 2))], new FileOutcome.Cataloged(2, 0)),
        new("F15", "no newline after the last row", id => Utf8(Csv(id, 2).TrimEnd('\n')), new FileOutcome.Cataloged(2, 0)),
        new("F16", "formula injection in a text field (kept as text)", id => Utf8(Header + "\n" + Row(id, 1, name: "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"") + Row(id, 2, name: "+cmd|' /C calc'!A0") + Row(id, 3, name: "@SUM(1+1)")), new FileOutcome.Cataloged(3, 0)),
        new("F17", "a quoted field holding the delimiter, a doubled quote and a newline", id => Utf8(Header + "\n" + Row(id, 1, name: "\"Smith, \"\"Jr\"\"\nline 2\"")), new FileOutcome.Cataloged(1, 0)),
        new("F18", "truncated: the last row cut in the middle", id => Utf8(Csv(id, 2) + $"{Id(id, 3)},2024-01-15,C3,An"), new FileOutcome.Failed("Expected Number of Columns: 9 Found: 4")),
        new("F19", "a row with an extra field", id => Utf8(Csv(id, 1) + Row(id, 2).TrimEnd('\n') + ",surplus\n"), new FileOutcome.Failed("Expected Number of Columns: 9 Found: 10")),
        new("F20", "a date in another format (15/01/2024)", id => Utf8(Csv(id, 1) + Row(id, 2, date: "15/01/2024")), new FileOutcome.Cataloged(1, 1)),
        new("F21", "an impossible date (2024-02-30)", id => Utf8(Csv(id, 1) + Row(id, 2, date: "2024-02-30")), new FileOutcome.Cataloged(1, 1)),
        new("F22", "a date outside the contract's range (1999-12-31)", id => Utf8(Csv(id, 1) + Row(id, 2, date: "1999-12-31")), new FileOutcome.Cataloged(1, 1, "ColumnValues \"order_date\"")),
        new("F23", "a quantity that is not a number", id => Utf8(Csv(id, 1) + Row(id, 2, quantity: "two")), new FileOutcome.Cataloged(1, 1)),
        new("F24", "a quantity beyond int32", id => Utf8(Csv(id, 1) + Row(id, 2, quantity: "99999999999")), new FileOutcome.Cataloged(1, 1)),
        new("F25", "a negative quantity", id => Utf8(Csv(id, 1) + Row(id, 2, quantity: "-2", total: "-7.00")), new FileOutcome.Cataloged(1, 1, "ColumnValues \"quantity\"")),
        new("F26", "a decimal comma in a price (\"3,50\")", id => Utf8(Csv(id, 1) + Row(id, 2, price: "\"3,50\"")), new FileOutcome.Cataloged(1, 1)),
        new("F27", "a lower-case currency", id => Utf8(Csv(id, 1) + Row(id, 2, currency: "eur")), new FileOutcome.Cataloged(1, 1, "ColumnValues \"currency\"")),
        new("F28", "a total that is not quantity × unit price", id => Utf8(Csv(id, 1) + Row(id, 2, total: "9.99")), new FileOutcome.Cataloged(1, 1, "ColumnExpression")),
        new("F29", "a required field empty", id => Utf8(Csv(id, 1) + Row(id, 2).Replace(",C2,", ",,", StringComparison.Ordinal)), new FileOutcome.Cataloged(1, 1, "IsComplete \"customer_id\"")),
        new("F30", "an order id twice in the file", id => Utf8(Csv(id, 2) + Row(id, 2)), new FileOutcome.Cataloged(2, 1, "IsPrimaryKey \"order_id\"")),
        new("F31", "an order id too short for the contract", id => Utf8(Csv(id, 1) + Row(id, 2).Replace(Id(id, 2), "X1", StringComparison.Ordinal)), new FileOutcome.Cataloged(1, 1, "ColumnLength \"order_id\"")),
        new("F32", "a NUL byte inside a field", id => Utf8(Csv(id, 1) + Row(id, 2, name: "A\0nn")), new FileOutcome.Cataloged(2, 0)),
        new("F33", "an unbalanced quote", id => Utf8(Csv(id, 1) + Row(id, 2, name: "\"Ann")), new FileOutcome.Failed("CSV Error on Line: 3")),
        new("F34", "every row bad", id => Utf8(Header + "\n" + Row(id, 1, quantity: "0", total: "0.00") + Row(id, 2, currency: "XXX")), new FileOutcome.Cataloged(0, 2)),
        new("F35", "a million-character header", _ => Utf8(new string('h', 1_000_000) + "\n"), new FileOutcome.Rejected("MaxLineLength")),
    ];

    public static string Id(string prefix, int n) => $"{prefix}-{n:00000}";

    /// <summary>A header and <paramref name="rows"/> valid rows.</summary>
    public static string Csv(string prefix, int rows) =>
        Header + "\n" + string.Concat(Enumerable.Range(1, rows).Select(n => Row(prefix, n)));

    public static string Row(string prefix, int n, string date = "2024-01-15", string name = "Ann", string quantity = "2",
        string price = "3.50", string currency = "EUR", string total = "7.00") =>
        $"{Id(prefix, n)},{date},C{n},{name},Widget,{quantity},{price},{currency},{total}\n";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
