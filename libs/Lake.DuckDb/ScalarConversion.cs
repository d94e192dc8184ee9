using System.Globalization;

namespace Lake.DuckDb;

/// <summary>Converts a value read from DuckDB to the type a caller asked for.</summary>
internal static class ScalarConversion
{
    /// <summary>
    /// <paramref name="value"/> as <typeparamref name="T"/>: numbers convert when they fit
    /// (<see cref="OverflowException"/> otherwise); NULL gives default when <typeparamref name="T"/>
    /// can hold null and <see cref="InvalidCastException"/> when it cannot.
    /// </summary>
    public static T? To<T>(object? value, string what)
    {
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is null)
        {
            return !typeof(T).IsValueType || target != typeof(T)
                ? default
                : throw new InvalidCastException($"{what} is NULL, which {typeof(T).Name} cannot hold; ask for {typeof(T).Name}? instead.");
        }

        if (value is T same)
        {
            return same;
        }

        // Int128/UInt128 are not IConvertible: go through long/ulong or decimal.
        value = value switch
        {
            Int128 i => i >= long.MinValue && i <= long.MaxValue ? (long)i : (decimal)i,
            UInt128 u => u <= ulong.MaxValue ? (ulong)u : (decimal)u,
            _ => value,
        };
        if (target == typeof(Int128))
        {
            return (T)(object)(Int128)Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        }

        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
