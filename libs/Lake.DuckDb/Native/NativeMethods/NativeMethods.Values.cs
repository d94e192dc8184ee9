using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Value Interface section (the part Lake reads: VARCHAR values and maps of them).
internal static partial class NativeMethods
{
    /// <summary>The value as text; the string is ours to free with <see cref="Free"/>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_varchar")]
    internal static partial nint GetVarchar(DuckDbValueHandle value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_map_size")]
    internal static partial ulong GetMapSize(DuckDbValueHandle value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_map_key")]
    internal static partial DuckDbValueHandle GetMapKey(DuckDbValueHandle value, ulong index);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_map_value")]
    internal static partial DuckDbValueHandle GetMapValue(DuckDbValueHandle value, ulong index);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_value")]
    internal static partial void DestroyValue(ref nint value);
}
