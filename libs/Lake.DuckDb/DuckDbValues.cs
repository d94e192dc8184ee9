using System.Numerics;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lake.DuckDb;

/// <summary>
/// Values as Lake hands them on, where DuckDB.NET's own differ: NULL is null (not <see cref="DBNull"/>); TIMESTAMP and
/// TIMESTAMP WITH TIME ZONE are UTC <see cref="DateTime"/>s (DuckDB.NET leaves them <see cref="DateTimeKind.Unspecified"/>;
/// a TIMESTAMPTZ is read as its UTC instant, and Lake's timestamps are UTC); BLOB is a <c>byte[]</c> (DuckDB.NET's stream
/// points into the result's memory); HUGEINT and UHUGEINT are <see cref="Int128"/> and <see cref="UInt128"/>
/// (DuckDB.NET's <see cref="BigInteger"/>). DATE is a <see cref="DateOnly"/> and DECIMAL a <see cref="decimal"/>
/// (<see cref="OverflowException"/> past 28 digits), as DuckDB.NET reads them.
/// </summary>
public static class DuckDbValues
{
    /// <summary>The value of a column <see cref="DuckDbColumn.IsReadable"/> says Lake reads, as the type above says.</summary>
    public static object? GetLakeValue(this DuckDBDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return reader.GetValue(ordinal) switch
        {
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            Stream blob => Bytes(blob),
            BigInteger number when reader.GetDataTypeName(ordinal) == nameof(DuckDBType.UnsignedHugeInt) => (UInt128)number,
            BigInteger number => (Int128)number,
            var value => value,
        };
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
