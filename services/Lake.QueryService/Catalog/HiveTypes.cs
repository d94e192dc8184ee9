using System.Text.RegularExpressions;

namespace Lake.QueryService.Catalog;

/// <summary>The catalog's Hive/Athena column types as DuckDB types.</summary>
public static partial class HiveTypes
{
    /// <summary>
    /// The DuckDB type for a Hive type: <c>string</c>/<c>varchar(n)</c>/<c>char(n)</c> → VARCHAR, <c>int</c> → INTEGER,
    /// <c>decimal(p,s)</c> → DECIMAL(p,s), ...; types the lake does not write (arrays, maps, structs) read as VARCHAR.
    /// </summary>
    public static string ToDuckDb(string hiveType)
    {
        var type = hiveType.Trim().ToLowerInvariant();
        if (DecimalType().Match(type) is { Success: true } decimalType)
        {
            return $"DECIMAL({decimalType.Groups[1].Value},{decimalType.Groups[2].Value})";
        }

        return type switch
        {
            "tinyint" => "TINYINT",
            "smallint" => "SMALLINT",
            "int" or "integer" => "INTEGER",
            "bigint" => "BIGINT",
            "float" => "FLOAT",
            "double" => "DOUBLE",
            "boolean" => "BOOLEAN",
            "date" => "DATE",
            "timestamp" => "TIMESTAMP",
            "binary" => "BLOB",
            "decimal" => "DECIMAL(10,0)",
            _ => "VARCHAR",
        };
    }

    [GeneratedRegex(@"^decimal\s*\(\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)$")]
    private static partial Regex DecimalType();
}
