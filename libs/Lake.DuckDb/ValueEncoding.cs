using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>How DuckDB stores dates, timestamps and decimals, both ways.</summary>
internal static class ValueEncoding
{
    private const int UnixEpochDayNumber = 719_162; // new DateOnly(1970, 1, 1).DayNumber
    private const int MaxDecimalScale = 28;
    private static readonly UInt128 DecimalLimit = UInt128.One << 96;

    public static DateOnly FromDays(int days)
    {
        var dayNumber = (long)UnixEpochDayNumber + days;
        return dayNumber >= DateOnly.MinValue.DayNumber && dayNumber <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber((int)dayNumber)
            : throw new OverflowException($"The DATE {days} days from 1970-01-01 (e.g. infinity) is outside DateOnly's range.");
    }

    public static int ToDays(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    public static DateTime FromMicros(long micros)
    {
        var maxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        var minMicros = -(DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMicrosecond);
        return micros >= minMicros && micros <= maxMicros
            ? DateTime.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond)
            : throw new OverflowException($"The TIMESTAMP {micros} µs from 1970-01-01 (e.g. infinity) is outside DateTime's range.");
    }

    /// <summary>Microseconds since the epoch, rounded down; local times go to UTC, unspecified ones count as UTC.</summary>
    public static long ToMicros(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var (micros, remainder) = Math.DivRem(utc.Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond);
        return remainder < 0 ? micros - 1 : micros;
    }

    /// <summary>An unscaled DuckDB DECIMAL as a <see cref="decimal"/>, which holds 96 bits and scale 28 at most.</summary>
    public static decimal ToDecimal(Int128 unscaled, byte scale)
    {
        var negative = Int128.IsNegative(unscaled);
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);
        if (magnitude >= DecimalLimit || scale > MaxDecimalScale)
        {
            throw new OverflowException($"The DECIMAL {unscaled}e-{scale} does not fit System.Decimal (96 bits, scale up to 28).");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, scale);
    }

    /// <summary>A <see cref="decimal"/> as DuckDB's DECIMAL(width, scale) with its own digits and scale.</summary>
    public static DuckDbNativeDecimal ToNativeDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = value.Scale;
        var unscaled = value < 0 ? -(Int128)magnitude : (Int128)magnitude;
        var digits = 1;
        for (var rest = magnitude / 10; rest != UInt128.Zero; rest /= 10)
        {
            digits++;
        }

        return new DuckDbNativeDecimal
        {
            Width = (byte)Math.Max(digits, Math.Max((int)scale, 1)),
            Scale = scale,
            Value = new DuckDbNativeHugeInt { Lower = (ulong)unscaled, Upper = (long)(unscaled >> 64) },
        };
    }
}
