using System.Globalization;
using Lake.Contracts;
using Lake.Testing;

namespace Lake.Transform.Tests;

/// <summary>What a CSV record should become in curated Parquet by its contract: each field as the column's type, empty as NULL.</summary>
internal static class ContractValues
{
    /// <summary>The record's non-partition columns, typed (the partition columns live in the path).</summary>
    public static Dictionary<string, object?> Curated(DatasetContract contract, CsvRecord record) =>
        contract.Columns.Where(c => !contract.PartitionBy.Contains(c.Name)).ToDictionary(c => c.Name, c => Typed(record[c.Name], c.Type));

    public static object? Typed(string text, ColumnType type) => text.Length == 0 ? null : type.Kind switch
    {
        ColumnKind.String => text,
        ColumnKind.Int => int.Parse(text, CultureInfo.InvariantCulture),
        ColumnKind.BigInt => long.Parse(text, CultureInfo.InvariantCulture),
        ColumnKind.Decimal => decimal.Parse(text, CultureInfo.InvariantCulture),
        ColumnKind.Double => double.Parse(text, CultureInfo.InvariantCulture),
        ColumnKind.Boolean => bool.Parse(text),
        ColumnKind.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        ColumnKind.Timestamp => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new NotSupportedException(type.ToString()),
    };
}
