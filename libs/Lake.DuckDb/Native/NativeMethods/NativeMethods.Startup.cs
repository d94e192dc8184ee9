using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Open Connect and Configuration sections.
internal static partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState OpenExt(string? path, out DuckDbDatabaseHandle database, DuckDbConfigHandle config, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_close")]
    internal static partial void Close(ref nint database);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_connect")]
    internal static partial DuckDbState Connect(DuckDbDatabaseHandle database, out DuckDbConnectionHandle connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_interrupt")]
    internal static partial void Interrupt(DuckDbConnectionHandle connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_disconnect")]
    internal static partial void Disconnect(ref nint connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_config")]
    internal static partial DuckDbState CreateConfig(out DuckDbConfigHandle config);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState SetConfig(DuckDbConfigHandle config, string name, string option);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_config")]
    internal static partial void DestroyConfig(ref nint config);
}
