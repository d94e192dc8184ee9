using System.Globalization;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Results;

/// <summary>
/// How a value reads as text, in JSON strings and CSV fields alike: DECIMAL exactly as stored (<c>12.50</c>), DATE as
/// <c>yyyy-MM-dd</c>, TIMESTAMP as ISO 8601 (<c>Z</c> for WITH TIME ZONE), BLOB as base64, numbers invariant.
/// </summary>
public static class CellText
{
    public static string? Format(object? value, ResultColumn column) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + (column.Type.Contains("TIME ZONE", StringComparison.Ordinal) ? "Z" : ""),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
