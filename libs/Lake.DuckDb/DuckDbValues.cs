using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lake.DuckDb;

/// <summary>
/// Values as Lake hands them on, where DuckDB.NET's own differ: NULL is null (not <see cref="DBNull"/>); TIMESTAMP and
/// TIMESTAMP WITH TIME ZONE are UTC <see cref="DateTime"/>s (DuckDB.NET leaves them <see cref="DateTimeKind.Unspecified"/>;
/// a TIMESTAMPTZ is read as its UTC instant, and Lake's timestamps are UTC); BLOB is a <c>byte[]</c> (DuckDB.NET's stream
/// points into the result's memory); HUGEINT and UHUGEINT are <see cref="Int128"/> and <see cref="UInt128"/>
/// (DuckDB.NET's <see cref="BigInteger"/>). DATE is a <see cref="DateOnly"/> and DECIMAL a <see cref="decimal"/>, as
/// DuckDB.NET reads them. A value those .NET types cannot hold is a string instead (<see cref="OutOfRangeText"/>):
/// <c>infinity</c> and <c>-infinity</c>, a date past year 9999 (<c>5877642-06-25</c>), a timestamp past it
/// (<c>290000-01-01T00:00:00</c>), a DECIMAL value of more than 96 bits or 28 decimal places (<c>99999999999999999999999999999.0</c>).
/// </summary>
public static class DuckDbValues
{
    /// <summary>DuckDB keeps a DECIMAL this wide or narrower in 64 bits, which DuckDB.NET reads exactly; wider ones in a HUGEINT.</summary>
    private const int MaxInt64DecimalDigits = 18;

    /// <summary>The most digits a .NET <see cref="decimal"/> keeps after the point.</summary>
    private const int MaxDecimalScale = 28;

    /// <summary>The value of a column <see cref="DuckDbColumn.IsReadable"/> says Lake reads, as the type above says.</summary>
    public static object? GetLakeValue(this DuckDBDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        if (reader.GetFieldType(ordinal) == typeof(decimal) && reader.GetFieldValue<DuckDBDecimal>(ordinal) is { Width: > MaxInt64DecimalDigits } wide)
        {
            // DuckDB.NET rounds a HUGEINT-backed DECIMAL into a decimal without a word (…789.12345 comes back …789).
            return WideDecimal(wide);
        }

        object value;
        try
        {
            value = reader.GetValue(ordinal);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentOutOfRangeException or OverflowException)
        {
            return OutOfRangeText(reader, ordinal);
        }

        return value switch
        {
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            Stream blob => Bytes(blob),
            BigInteger number when reader.GetDataTypeName(ordinal) == nameof(DuckDBType.UnsignedHugeInt) => (UInt128)number,
            BigInteger number => (Int128)number,
            _ => value,
        };
    }

    /// <summary>
    /// A DATE, TIMESTAMP or DECIMAL value .NET's types cannot hold, as text: <c>infinity</c>/<c>-infinity</c>, dates as
    /// <c>yyyy-MM-dd</c> with as many year digits as needed (a minus sign before years BC), timestamps as ISO 8601,
    /// decimals exactly.
    /// </summary>
    /// <exception cref="InvalidCastException">Another type.</exception>
    public static string OutOfRangeText(this DuckDBDataReader reader, int ordinal) => Enum.Parse<DuckDBType>(reader.GetDataTypeName(ordinal)) switch
    {
        DuckDBType.Date => DateText(reader.GetFieldValue<DuckDBDateOnly>(ordinal)),
        DuckDBType.Timestamp or DuckDBType.TimestampTz => TimestampText(reader.GetFieldValue<DuckDBTimestamp>(ordinal)),
        DuckDBType.Decimal => DecimalText(reader.GetFieldValue<DuckDBDecimal>(ordinal)),
        var type => throw new InvalidCastException($"A {type} value in column {reader.GetName(ordinal)} cannot be read."),
    };

    private static string DateText(DuckDBDateOnly date) =>
        date.IsPositiveInfinity ? "infinity"
        : date.IsNegativeInfinity ? "-infinity"
        : string.Create(CultureInfo.InvariantCulture, $"{(date.Year < 0 ? "-" : "")}{Math.Abs(date.Year):0000}-{date.Month:00}-{date.Day:00}");

    private static string TimestampText(DuckDBTimestamp timestamp)
    {
        if (timestamp.IsInfinity)
        {
            return timestamp.IsPositiveInfinity ? "infinity" : "-infinity";
        }

        var time = timestamp.Time;
        var fraction = time.Microsecond == 0 ? "" : "." + time.Microsecond.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return string.Create(CultureInfo.InvariantCulture, $"{DateText(timestamp.Date)}T{time.Hour:00}:{time.Min:00}:{time.Sec:00}{fraction}");
    }

    // The exact decimal when its unscaled value fits the decimal's 96 bits and its scale 28 digits, else the exact text.
    private static object WideDecimal(DuckDBDecimal value)
    {
        var unscaled = value.Value.ToBigInteger();
        var magnitude = BigInteger.Abs(unscaled);
        if (magnitude >= BigInteger.One << 96 || value.Scale > MaxDecimalScale)
        {
            return DecimalText(value);
        }

        var bits = new byte[12];
        magnitude.TryWriteBytes(bits, out _, isUnsigned: true);
        return new decimal(BitConverter.ToInt32(bits, 0), BitConverter.ToInt32(bits, 4), BitConverter.ToInt32(bits, 8), unscaled.Sign < 0, value.Scale);
    }

    private static string DecimalText(DuckDBDecimal value)
    {
        var unscaled = BigInteger.Abs(value.Value.ToBigInteger()).ToString(CultureInfo.InvariantCulture).PadLeft(value.Scale + 1, '0');
        var sign = value.Value.ToBigInteger().Sign < 0 ? "-" : "";
        return value.Scale == 0 ? sign + unscaled : $"{sign}{unscaled[..^value.Scale]}.{unscaled[^value.Scale..]}";
    }

    /// <summary>A TIMESTAMP or TIMESTAMP WITH TIME ZONE as a UTC <see cref="DateTime"/>.</summary>
    public static DateTime GetUtcDateTime(this DuckDBDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    private static byte[] Bytes(Stream blob)
    {
        using (blob)
        {
            var bytes = new byte[blob.Length];
            blob.ReadExactly(bytes);
            return bytes;
        }
    }
}
