using System.Runtime.InteropServices;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>A result column: name, type and, for DECIMAL, width, scale and the integer type it is stored in.</summary>
internal sealed record DuckDbColumn(string Name, DuckDbType Type, byte Width, byte Scale, DuckDbType Storage)
{
    /// <summary>The SQL spelling of the type, for messages.</summary>
    public string TypeName => Type switch
    {
        DuckDbType.Decimal => $"DECIMAL({Width},{Scale})",
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbType.TimestampS => "TIMESTAMP_S",
        DuckDbType.TimestampMs => "TIMESTAMP_MS",
        DuckDbType.TimestampNs => "TIMESTAMP_NS",
        DuckDbType.TimeTz => "TIME WITH TIME ZONE",
        DuckDbType.SqlNull => "NULL",
        _ => Type.ToString().ToUpperInvariant(),
    };

    /// <summary>Whether <see cref="DuckDbDataReader"/> can read this column's values.</summary>
    public bool IsReadable => Type is DuckDbType.Boolean
        or DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt or DuckDbType.HugeInt
        or DuckDbType.UTinyInt or DuckDbType.USmallInt or DuckDbType.UInteger or DuckDbType.UBigInt or DuckDbType.UHugeInt
        or DuckDbType.Float or DuckDbType.Double or DuckDbType.Decimal
        or DuckDbType.Varchar or DuckDbType.Blob or DuckDbType.Date or DuckDbType.Timestamp or DuckDbType.TimestampTz
        or DuckDbType.SqlNull;

    public static DuckDbColumn Describe(DuckDbResultHandle result, int index)
    {
        var name = Marshal.PtrToStringUTF8(NativeMethods.ColumnName(result, (ulong)index)) ?? $"#{index}";
        var type = (DuckDbType)NativeMethods.ColumnType(result, (ulong)index);
        if (type != DuckDbType.Decimal)
        {
            return new DuckDbColumn(name, type, 0, 0, DuckDbType.Invalid);
        }

        using var logical = NativeMethods.ColumnLogicalType(result, (ulong)index);
        return new DuckDbColumn(
            name, type, NativeMethods.DecimalWidth(logical), NativeMethods.DecimalScale(logical), (DuckDbType)NativeMethods.DecimalInternalType(logical));
    }

    public NotSupportedException NotSupported() =>
        new($"Column '{Name}' has DuckDB type {TypeName}, which Lake.DuckDb cannot read; cast it in SQL (e.g. to VARCHAR).");

    public InvalidCastException CannotReadAs(string target) =>
        new($"Column '{Name}' is {TypeName}, which cannot be read as {target}.");
}
