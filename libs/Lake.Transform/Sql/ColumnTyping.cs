using Lake.Contracts;
using Lake.Contracts.Dqdl;
using Lake.DuckDb;

namespace Lake.Transform.Sql;

/// <summary>
/// How a contract type reads from CSV text: its DuckDB type, and a strict parse that gives NULL for text that is
/// not a value of the type. DuckDB's own casts are lenient ('5.0' is an int, '2024-01-05 10:00' a date, '1.005' a
/// decimal(12,2) rounded to 1.01), so a shape check runs before the cast; the cast then checks ranges (day of month,
/// int overflow, decimal precision).
/// </summary>
public static class ColumnTyping
{
    private const string Date = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
    private const string Timestamp = Date + "([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?";
    private const string Integer = "[+-]?[0-9]+";
    private const string Double = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";

    /// <summary>The DuckDB (and Parquet) type a column is stored as.</summary>
    public static string DuckDbType(ColumnType type) => type.Kind switch
    {
        ColumnKind.String => "VARCHAR",
        ColumnKind.Int => "INTEGER",
        ColumnKind.BigInt => "BIGINT",
        ColumnKind.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        ColumnKind.Double => "DOUBLE",
        ColumnKind.Boolean => "BOOLEAN",
        ColumnKind.Date => "DATE",
        ColumnKind.Timestamp => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column kind"),
    };

    /// <summary>Whether a value of this type can fail to parse (every type but string).</summary>
    public static bool CanFail(ColumnType type) => type.Kind != ColumnKind.String;

    /// <summary>What a value of the type looks like, for the quarantine's type errors.</summary>
    public static string Expected(ColumnType type) => type.Kind switch
    {
        ColumnKind.Int => "an int (whole number, 32-bit)",
        ColumnKind.BigInt => "a bigint (whole number, 64-bit)",
        ColumnKind.Decimal => $"a decimal({type.Precision},{type.Scale}) (at most {type.Scale} decimals, no exponent)",
        ColumnKind.Double => "a double (e.g. -1.5e3)",
        ColumnKind.Boolean => "a boolean (true or false)",
        ColumnKind.Date => "a date (yyyy-MM-dd)",
        ColumnKind.Timestamp => "a timestamp (yyyy-MM-ddTHH:mm:ss[.ffffff][Z|+hh:mm])",
        _ => "a string",
    };

    /// <summary>SQL reading the VARCHAR <paramref name="text"/> as <paramref name="type"/>: the value, or NULL when it is not one.</summary>
    /// <remarks>Timestamps without an offset are read as UTC: the conversion sets <c>TimeZone = 'UTC'</c>.</remarks>
    public static string Parse(string text, ColumnType type) => type.Kind switch
    {
        ColumnKind.String => text,
        ColumnKind.Int => Shaped(text, Integer, $"TRY_CAST({text} AS INTEGER)"),
        ColumnKind.BigInt => Shaped(text, Integer, $"TRY_CAST({text} AS BIGINT)"),
        ColumnKind.Decimal => Shaped(text, DecimalShape(type.Scale), $"TRY_CAST({text} AS {DuckDbType(type)})"),
        ColumnKind.Double => Shaped(text, Double, $"TRY_CAST({text} AS DOUBLE)"),
        ColumnKind.Boolean => $"CASE lower({text}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END",
        ColumnKind.Date => Shaped(text, Date, $"TRY_CAST({text} AS DATE)"),
        ColumnKind.Timestamp => Shaped(text, Timestamp, $"CAST(TRY_CAST({text} AS TIMESTAMPTZ) AS TIMESTAMP)"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column kind"),
    };

    /// <summary>A DQDL literal as a SQL value of the column's type (dates and timestamps are written as strings in DQDL).</summary>
    public static string Literal(DqdlLiteral literal, ColumnType type) => (literal.Kind, type.Kind) switch
    {
        (LiteralKind.Number, _) => SqlText.Number(literal.Number),
        (LiteralKind.Boolean, _) => literal.Text == "true" ? "TRUE" : "FALSE",
        (LiteralKind.String, ColumnKind.Date) => $"DATE {SqlText.Literal(literal.Text)}",
        (LiteralKind.String, ColumnKind.Timestamp) => $"CAST(CAST({SqlText.Literal(literal.Text)} AS TIMESTAMPTZ) AS TIMESTAMP)",
        (LiteralKind.String, _) => SqlText.Literal(literal.Text),
        _ => throw new ArgumentException($"{literal.Kind} literal {literal} has no SQL value; NULL is handled by the condition", nameof(literal)),
    };

    private static string DecimalShape(int scale) => scale == 0 ? Integer : $"{Integer}(\\.[0-9]{{1,{scale}}})?";

    private static string Shaped(string text, string pattern, string cast) =>
        $"CASE WHEN regexp_full_match({text}, {SqlText.Literal(pattern)}) THEN {cast} END";
}
