using System.Globalization;
using System.Text.RegularExpressions;

namespace Lake.Contracts;

/// <summary>The kinds of column a contract can declare.</summary>
public enum ColumnKind
{
    String,
    Int,
    BigInt,
    Decimal,
    Double,
    Boolean,
    Date,
    Timestamp,
}

/// <summary>A column's type: a kind, and for <c>decimal(p,s)</c> its precision and scale.</summary>
public sealed partial record ColumnType(ColumnKind Kind, int Precision = 0, int Scale = 0)
{
    /// <summary>The largest precision a decimal may declare (DuckDB's and Glue's limit).</summary>
    public const int MaxDecimalPrecision = 38;

    /// <summary>The type names a contract may use, for error messages.</summary>
    public const string Names = "string, int, bigint, decimal(p,s), double, boolean, date, timestamp";

    public bool IsNumeric => Kind is ColumnKind.Int or ColumnKind.BigInt or ColumnKind.Decimal or ColumnKind.Double;

    public bool IsTemporal => Kind is ColumnKind.Date or ColumnKind.Timestamp;

    /// <summary>Parses a type name as written in a contract; returns null and a reason when it is not one.</summary>
    public static ColumnType? TryParse(string text, out string error)
    {
        error = "";
        var simple = text switch
        {
            "string" => ColumnKind.String,
            "int" => ColumnKind.Int,
            "bigint" => ColumnKind.BigInt,
            "double" => ColumnKind.Double,
            "boolean" => ColumnKind.Boolean,
            "date" => ColumnKind.Date,
            "timestamp" => ColumnKind.Timestamp,
            _ => (ColumnKind?)null,
        };
        if (simple is { } kind)
        {
            return new ColumnType(kind);
        }

        var match = DecimalPattern().Match(text);
        if (!match.Success)
        {
            error = $"unknown type '{text}' (expected one of {Names})";
            return null;
        }

        var precision = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var scale = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (precision is < 1 or > MaxDecimalPrecision || scale > precision)
        {
            error = $"decimal({precision},{scale}) is out of range (expected 1 <= precision <= {MaxDecimalPrecision} and scale <= precision)";
            return null;
        }

        return new ColumnType(ColumnKind.Decimal, precision, scale);
    }

    public override string ToString() =>
        Kind == ColumnKind.Decimal ? $"decimal({Precision},{Scale})" : Kind.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^decimal\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$")]
    private static partial Regex DecimalPattern();
}
