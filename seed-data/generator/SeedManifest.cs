namespace Lake.SeedGenerator;

/// <summary>
/// <c>manifest.json</c> beside the invalid seed files: for each file, what is wrong and which check should
/// catch it, so tests of later stages can assert on it.
/// </summary>
public sealed record SeedManifest(string Dataset, string Contract, string About, IReadOnlyList<InvalidSeedFile> Files);

/// <summary>One invalid file.</summary>
/// <param name="Level"><c>file</c>: the validate function rejects the whole file; <c>row</c>: the file passes, some rows go to quarantine.</param>
/// <param name="Check">For <c>file</c>: the validate function's check (NotEmpty, NotHeaderOnly, HeaderMatches, Delimiter, Utf8, MaxLineLength, MaxBytes); for <c>row</c>: <c>RowRules</c>.</param>
/// <param name="Line">The 1-based line the file check fails on; 0 for the whole file.</param>
/// <param name="ExpectedBadRows">Rows that break a rule (a repeated key counts once, on the repeat).</param>
/// <param name="Committed">False when the file is too large to commit: produce it with <see cref="Generate"/>.</param>
public sealed record InvalidSeedFile(
    string File,
    string Level,
    string Check,
    long Line,
    string Description,
    int DataRows,
    int ExpectedBadRows,
    IReadOnlyList<BadSeedRow>? BadRows = null,
    bool Committed = true,
    GenerateSpec? Generate = null);

/// <summary>A bad row: its line, the column at fault, the contract rule it breaks (exact text; <c>type</c> when the value is not of the column's type), the value.</summary>
public sealed record BadSeedRow(int Line, string Column, string Rule, string Value, int? DuplicateOf = null);

/// <summary>The generator options that reproduce an uncommitted file (<c>lake-seed --files 1 --min-bytes ...</c>).</summary>
public sealed record GenerateSpec(int Seed, long MinBytes, string StartDate, int Months);

/// <summary>The orders contract's rules, by their exact text, that the seed files break.</summary>
public static class OrderRules
{
    public const string PrimaryKey = "IsPrimaryKey \"order_id\"";
    public const string OrderIdComplete = "IsComplete \"order_id\"";
    public const string PositiveQuantity = "ColumnValues \"quantity\" > 0";
    public const string KnownCurrency = "ColumnValues \"currency\" in [\"EUR\", \"USD\", \"GBP\", \"CHF\", \"JPY\", \"SEK\", \"NOK\", \"DKK\", \"PLN\", \"CZK\", \"CAD\", \"AUD\"]";
    public const string TotalMatches = "ColumnExpression \"abs(total - quantity * unit_price)\" <= 0.01";
    public const string DateInRange = "ColumnValues \"order_date\" between \"2000-01-01\" and \"2100-01-01\"";

    /// <summary>Not a DQDL rule: the value does not parse as the column's declared type.</summary>
    public const string Type = "type";

    public static (string Column, string Rule) For(OrderDefect defect) => defect switch
    {
        OrderDefect.NegativeQuantity => ("quantity", PositiveQuantity),
        OrderDefect.UnknownCurrency => ("currency", KnownCurrency),
        OrderDefect.WrongTotal => ("total", TotalMatches),
        OrderDefect.MissingOrderId => ("order_id", OrderIdComplete),
        OrderDefect.DuplicateOrderId => ("order_id", PrimaryKey),
        OrderDefect.UnparseableDate => ("order_date", Type),
        OrderDefect.DateOutOfRange => ("order_date", DateInRange),
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "a valid row breaks no rule"),
    };
}
