using System.Globalization;
using System.Text.RegularExpressions;
using Lake.Aws.Athena;
using Lake.QueryService.Results;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Athena;

/// <summary>
/// Result columns and values as Athena (engine version 3, Trino) reports them: DuckDB's <c>VARCHAR</c> is
/// <c>varchar</c>, <c>DECIMAL(12,2)</c> is <c>decimal</c> with precision 12 and scale 2, timestamps read
/// <c>2024-06-01 12:30:45.250</c>; every value is text (<c>VarCharValue</c>), NULL is no value.
/// </summary>
public static partial class AthenaTypes
{
    public static ColumnInfo ColumnInfo(ResultColumn column)
    {
        var (type, precision, scale) = Describe(column.Type);
        return new ColumnInfo
        {
            CatalogName = "hive",
            SchemaName = "",
            TableName = "",
            Name = column.Name,
            Label = column.Name,
            Type = type,
            Precision = precision,
            Scale = scale,
            Nullable = "UNKNOWN",
            CaseSensitive = type is "varchar" or "char",
        };
    }

    /// <summary>The Athena type name, precision and scale of a DuckDB type.</summary>
    public static (string Type, int Precision, int Scale) Describe(string duckDbType)
    {
        if (DecimalType().Match(duckDbType) is { Success: true } decimalType)
        {
            return ("decimal", int.Parse(decimalType.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(decimalType.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        return duckDbType.ToUpperInvariant() switch
        {
            "BOOLEAN" => ("boolean", 0, 0),
            "TINYINT" or "UTINYINT" => ("tinyint", 3, 0),
            "SMALLINT" or "USMALLINT" => ("smallint", 5, 0),
            "INTEGER" or "UINTEGER" => ("integer", 10, 0),
            "BIGINT" or "UBIGINT" => ("bigint", 19, 0),
            "HUGEINT" or "UHUGEINT" => ("decimal", 38, 0),
            "FLOAT" => ("real", 24, 0),
            "DOUBLE" => ("double", 53, 0),
            "DATE" => ("date", 0, 0),
            "TIMESTAMP" or "TIMESTAMP_MS" or "TIMESTAMP_S" or "TIMESTAMP_NS" => ("timestamp", 3, 0),
            "TIMESTAMP WITH TIME ZONE" => ("timestamp with time zone", 3, 0),
            "BLOB" => ("varbinary", 1_073_741_824, 0),
            _ => ("varchar", 2_147_483_647, 0),
        };
    }

    /// <summary>A value as Athena's <c>VarCharValue</c> (and its CSV) writes it; null for SQL NULL.</summary>
    public static string? Text(object? value, ResultColumn column) => value switch
    {
        DateTime time when column.Type.Contains("TIME ZONE", StringComparison.Ordinal) =>
            time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC",
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        // DuckDB.NET hands a wide DECIMAL (a sum's DECIMAL(38,2)) back without its trailing zeros; Athena writes the scale.
        decimal number when Describe(column.Type) is ("decimal", _, var scale) => number.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        _ => CellText.Format(value, column),
    };

    [GeneratedRegex(@"^DECIMAL\((\d+),\s*(\d+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DecimalType();
}
