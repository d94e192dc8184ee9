using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Logical Type Interface section. Type ids are duckdb_type values (see DuckDbType).
internal static partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_type_id")]
    internal static partial int GetTypeId(DuckDbLogicalTypeHandle type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_width")]
    internal static partial byte DecimalWidth(DuckDbLogicalTypeHandle type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_scale")]
    internal static partial byte DecimalScale(DuckDbLogicalTypeHandle type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_internal_type")]
    internal static partial int DecimalInternalType(DuckDbLogicalTypeHandle type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_logical_type")]
    internal static partial void DestroyLogicalType(ref nint type);
}
