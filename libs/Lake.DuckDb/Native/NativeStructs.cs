using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

/// <summary><c>duckdb_state</c>: what every fallible C API call returns.</summary>
internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}

/// <summary><c>duckdb_result</c>: passed by pointer to most calls and by value to <c>duckdb_fetch_chunk</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}

/// <summary><c>duckdb_date</c>: days since 1970-01-01.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeDate
{
    public int Days;
}

/// <summary><c>duckdb_timestamp</c>: microseconds since 1970-01-01 00:00:00 UTC.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeTimestamp
{
    public long Micros;
}

/// <summary><c>duckdb_hugeint</c>: a 128-bit integer as two 64-bit halves (8-byte aligned, unlike <see cref="Int128"/>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeHugeInt
{
    public ulong Lower;
    public long Upper;
}

/// <summary><c>duckdb_decimal</c>: width and scale with the unscaled value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbNativeDecimal
{
    public byte Width;
    public byte Scale;
    public DuckDbNativeHugeInt Value;
}
