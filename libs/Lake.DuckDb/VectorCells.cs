using System.Text;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// Reads one cell of a vector's data (<c>duckdb_vector_get_data</c>) by the column's type. The
/// caller checks validity and readability first; the pointers live as long as their chunk.
/// </summary>
internal static unsafe class VectorCells
{
    private const int StringSize = 16; // duckdb_string_t
    private const int InlinedLength = 12;

    /// <summary>Bit <paramref name="row"/> of the validity mask; a zero mask means every row is valid.</summary>
    public static bool IsValid(nint validity, ulong row) =>
        validity == 0 || (((ulong*)validity)[row >> 6] & (1UL << (int)(row & 63))) != 0;

    public static object? Read(DuckDbColumn column, nint data, ulong row) => column.Type switch
    {
        DuckDbType.Boolean => ReadBoolean(column, data, row),
        DuckDbType.TinyInt => ((sbyte*)data)[row],
        DuckDbType.SmallInt => ((short*)data)[row],
        DuckDbType.Integer => ((int*)data)[row],
        DuckDbType.BigInt => ((long*)data)[row],
        DuckDbType.HugeInt => ReadHugeInt(data, row),
        DuckDbType.UTinyInt => ((byte*)data)[row],
        DuckDbType.USmallInt => ((ushort*)data)[row],
        DuckDbType.UInteger => ((uint*)data)[row],
        DuckDbType.UBigInt => ((ulong*)data)[row],
        DuckDbType.UHugeInt => ReadUHugeInt(data, row),
        DuckDbType.Float => ((float*)data)[row],
        DuckDbType.Double => ((double*)data)[row],
        DuckDbType.Decimal => ReadDecimal(column, data, row),
        DuckDbType.Varchar => ReadString(column, data, row),
        DuckDbType.Blob => StringBytes(data, row).ToArray(),
        DuckDbType.Date => ReadDate(column, data, row),
        DuckDbType.Timestamp or DuckDbType.TimestampTz => ReadDateTime(column, data, row),
        DuckDbType.SqlNull => null,
        _ => throw column.NotSupported(),
    };

    public static bool ReadBoolean(DuckDbColumn column, nint data, ulong row) =>
        column.Type == DuckDbType.Boolean ? ((byte*)data)[row] != 0 : throw column.CannotReadAs("bool");

    /// <summary>Any integer column, widened.</summary>
    public static Int128 ReadInteger(DuckDbColumn column, nint data, ulong row) => column.Type switch
    {
        DuckDbType.TinyInt => ((sbyte*)data)[row],
        DuckDbType.SmallInt => ((short*)data)[row],
        DuckDbType.Integer => ((int*)data)[row],
        DuckDbType.BigInt => ((long*)data)[row],
        DuckDbType.HugeInt => ReadHugeInt(data, row),
        DuckDbType.UTinyInt => ((byte*)data)[row],
        DuckDbType.USmallInt => ((ushort*)data)[row],
        DuckDbType.UInteger => ((uint*)data)[row],
        DuckDbType.UBigInt => ((ulong*)data)[row],
        DuckDbType.UHugeInt => checked((Int128)ReadUHugeInt(data, row)),
        _ => throw column.CannotReadAs("an integer"),
    };

    public static double ReadDouble(DuckDbColumn column, nint data, ulong row) => column.Type switch
    {
        DuckDbType.Double => ((double*)data)[row],
        DuckDbType.Float => ((float*)data)[row],
        DuckDbType.Decimal => (double)ReadDecimal(column, data, row),
        DuckDbType.UHugeInt => (double)ReadUHugeInt(data, row),
        _ => (double)ReadInteger(column, data, row),
    };

    /// <summary>A DECIMAL from its storage type (16/32/64/128-bit by width), or any integer column.</summary>
    public static decimal ReadDecimal(DuckDbColumn column, nint data, ulong row)
    {
        if (column.Type != DuckDbType.Decimal)
        {
            return column.Type is DuckDbType.Float or DuckDbType.Double
                ? throw column.CannotReadAs("decimal")
                : (decimal)ReadInteger(column, data, row);
        }

        Int128 unscaled = column.Storage switch
        {
            DuckDbType.SmallInt => ((short*)data)[row],
            DuckDbType.Integer => ((int*)data)[row],
            DuckDbType.BigInt => ((long*)data)[row],
            DuckDbType.HugeInt => ReadHugeInt(data, row),
            _ => throw column.NotSupported(),
        };
        return ValueEncoding.ToDecimal(unscaled, column.Scale);
    }

    public static string ReadString(DuckDbColumn column, nint data, ulong row) =>
        column.Type == DuckDbType.Varchar ? Encoding.UTF8.GetString(StringBytes(data, row)) : throw column.CannotReadAs("string");

    public static DateOnly ReadDate(DuckDbColumn column, nint data, ulong row) =>
        column.Type == DuckDbType.Date ? ValueEncoding.FromDays(((int*)data)[row]) : throw column.CannotReadAs("DateOnly");

    public static DateTime ReadDateTime(DuckDbColumn column, nint data, ulong row) =>
        column.Type is DuckDbType.Timestamp or DuckDbType.TimestampTz
            ? ValueEncoding.FromMicros(((long*)data)[row])
            : throw column.CannotReadAs("DateTime");

    private static Int128 ReadHugeInt(nint data, ulong row)
    {
        var value = ((DuckDbNativeHugeInt*)data)[row];
        return new Int128((ulong)value.Upper, value.Lower);
    }

    private static UInt128 ReadUHugeInt(nint data, ulong row)
    {
        var value = ((DuckDbNativeHugeInt*)data)[row];
        return new UInt128((ulong)value.Upper, value.Lower);
    }

    // duckdb_string_t: a 4-byte length, then up to 12 bytes inline, else a 4-byte prefix and a pointer.
    private static ReadOnlySpan<byte> StringBytes(nint data, ulong row)
    {
        var cell = (byte*)data + (row * StringSize);
        var length = *(uint*)cell;
        var bytes = length <= InlinedLength ? cell + 4 : *(byte**)(cell + 8);
        return new ReadOnlySpan<byte>(bytes, checked((int)length));
    }
}
