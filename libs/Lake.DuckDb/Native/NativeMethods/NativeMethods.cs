using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

/// <summary>
/// The DuckDB C API (<c>duckdb.h</c>), one partial file per section of it. Names are the C names in
/// PascalCase without the <c>duckdb_</c> prefix; strings go in as UTF-8, and strings DuckDB owns come
/// back as pointers read with <see cref="Marshal.PtrToStringUTF8(nint)"/>, never freed by us.
/// </summary>
internal static partial class NativeMethods
{
    /// <summary>The name every import uses; <see cref="DuckDbLibraryResolver"/> maps it to a file.</summary>
    internal const string LibraryName = "duckdb";

    // Explicit so it runs before the first import is called.
    static NativeMethods() => DuckDbLibraryResolver.Register();

    [LibraryImport(LibraryName, EntryPoint = "duckdb_free")]
    internal static partial void Free(nint pointer);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_library_version")]
    internal static partial nint LibraryVersion();
}
