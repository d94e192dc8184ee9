using System.Globalization;

namespace Lake.DuckDb;

/// <summary>Quoting for SQL that Lake writes itself: every name and value from a contract, a catalog or a setting goes through here.</summary>
public static class SqlText
{
    /// <summary>A double-quoted identifier, e.g. <c>"order_id"</c>.</summary>
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A single-quoted string literal, e.g. <c>'EUR'</c>.</summary>
    public static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>A number as DuckDB reads it (invariant, no exponent), e.g. <c>0.01</c>.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A path as a string literal, with forward slashes so DuckDB reads it the same on every OS.</summary>
    public static string Path(string path) => Literal(path.Replace('\\', '/'));

    /// <summary>A DuckDB list literal of string literals, e.g. <c>['a.parquet', 'b.parquet']</c>.</summary>
    public static string PathList(IEnumerable<string> paths) => $"[{string.Join(", ", paths.Select(Path))}]";
}
