using System.Globalization;
using Lake.Contracts;
using Lake.DuckDb;
using Lake.Transform.Rules;

namespace Lake.Transform.Conversion;

/// <summary>One per-row failure: a value that did not parse as its column's type, or a row check that failed.</summary>
/// <param name="Failed">SQL over the staged row, true when the row fails.</param>
/// <param name="Rule">What the quarantine records: the rule's DQDL text, or <c>type</c>.</param>
/// <param name="TypeColumn">For a type failure, the column whose text did not parse.</param>
/// <param name="Check">For a rule failure, the row check.</param>
internal sealed record RowFlag(string Failed, string Rule, ColumnDefinition? TypeColumn, RowCheck? Check);

/// <summary>
/// Every per-row failure of a plan, packed as bits into BIGINT columns (<c>__lake_fail_0</c>, ...), so a staged
/// row carries all its failures in a few bytes and the rare failing row can list them later.
/// </summary>
internal sealed class RowFlags
{
    /// <summary>The rule text recorded for a value that does not parse as its column's type.</summary>
    public const string TypeRule = "type";

    private const int BitsPerMask = 62;

    public RowFlags(RulePlan plan)
    {
        var flags = plan.ParsedColumns
            .Select(c => new RowFlag(TypeFailure(c), TypeRule, c, null))
            .ToList();
        foreach (var check in plan.RowChecks)
        {
            // A value that did not parse is reported once, as 'type', not again by every rule that reads it.
            var unparsed = plan.ParsedColumns.Where(c => check.Columns.Contains(c.Name)).Select(TypeFailure).ToList();
            var guard = unparsed.Count == 0 ? "" : $" AND NOT ({string.Join(" OR ", unparsed)})";
            flags.Add(new RowFlag($"(NOT coalesce({check.Passes}, FALSE){guard})", check.Rule.Text, null, check));
        }

        All = flags;
    }

    public IReadOnlyList<RowFlag> All { get; }

    /// <summary>How many BIGINT mask columns hold the bits.</summary>
    public int MaskCount => (All.Count + BitsPerMask - 1) / BitsPerMask;

    public static string MaskColumn(int mask) => $"__lake_fail_{mask}";

    /// <summary>The name of the staged column holding a parsed column's text when it did not parse.</summary>
    public static string RawColumn(ColumnDefinition column) => SqlText.Identifier($"__lake_raw_{column.Name}");

    /// <summary>SQL computing mask column <paramref name="mask"/> from the flags' predicates.</summary>
    public string MaskExpression(int mask)
    {
        var terms = All.Skip(mask * BitsPerMask).Take(BitsPerMask)
            .Select((flag, bit) => $"CASE WHEN {flag.Failed} THEN {Bit(bit)} ELSE 0 END");
        return $"CAST({string.Join(" | ", terms)} AS BIGINT)";
    }

    /// <summary>For each mask column, the bits of the flags <paramref name="counts"/> selects.</summary>
    public IReadOnlyList<long> Masks(Func<RowFlag, bool> counts)
    {
        var masks = new long[MaskCount];
        for (var i = 0; i < All.Count; i++)
        {
            if (counts(All[i]))
            {
                masks[i / BitsPerMask] |= 1L << (i % BitsPerMask);
            }
        }

        return masks;
    }

    /// <summary>SQL true when flag <paramref name="index"/> is set in the row aliased <paramref name="alias"/>.</summary>
    public string IsSet(string alias, int index) =>
        $"(({alias}.{MaskColumn(index / BitsPerMask)} & {Bit(index % BitsPerMask)}) <> 0)";

    /// <summary>SQL true when none of the bits of <paramref name="masks"/> is set: the row passes every counted flag.</summary>
    public static string NoneSet(string alias, IReadOnlyList<long> masks) =>
        masks.Count == 0 ? "TRUE" : string.Join(" AND ", masks.Select((m, i) => $"({alias}.{MaskColumn(i)} & {Literal(m)}) = 0"));

    /// <summary>Whether the text of <paramref name="column"/> is there but is not a value of its type.</summary>
    public static string TypeFailure(ColumnDefinition column) =>
        $"({RawText(column)} IS NOT NULL AND {SqlText.Identifier(column.Name)} IS NULL)";

    /// <summary>The name the CSV reader gives a column's text, before typing.</summary>
    public static string CsvName(ColumnDefinition column) => $"__lake_csv_{column.Name}";

    /// <summary>The CSV text of a column as read, before typing.</summary>
    public static string RawText(ColumnDefinition column) => SqlText.Identifier(CsvName(column));

    private static string Bit(int bit) => Literal(1L << bit);

    private static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
