using System.Globalization;
using System.Text.RegularExpressions;

namespace Lake.QueryService;

/// <summary>A size as DuckDB's settings spell it (<c>512MB</c>: 1000-based, <c>2GiB</c>: 1024-based) in bytes.</summary>
public static partial class ByteSize
{
    /// <exception cref="FormatException">Not a size matching <see cref="QueryOptions.SizePattern"/>.</exception>
    public static long Parse(string text)
    {
        var match = Size().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a size such as 512MB or 2GiB.");
        }

        var unit = match.Groups["unit"].Value;
        var power = "BKMGT".IndexOf(unit[0], StringComparison.Ordinal);
        var scale = Math.Pow(unit.Contains('i', StringComparison.Ordinal) ? 1024 : 1000, power);
        return (long)(double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) * scale);
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)\s*(?<unit>B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")]
    private static partial Regex Size();
}
