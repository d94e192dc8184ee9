using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Profiling Info section. A duckdb_profiling_info belongs to its connection (valid until its next query) and is
// never destroyed by us; the metrics come back as a MAP(VARCHAR, VARCHAR) duckdb_value, which is.
internal static partial class NativeMethods
{
    /// <summary>The root of the last query's profile, or zero when profiling is off.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_profiling_info")]
    internal static partial nint GetProfilingInfo(DuckDbConnectionHandle connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_profiling_info_get_metrics")]
    internal static partial DuckDbValueHandle ProfilingInfoGetMetrics(nint info);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_profiling_info_get_child_count")]
    internal static partial ulong ProfilingInfoGetChildCount(nint info);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_profiling_info_get_child")]
    internal static partial nint ProfilingInfoGetChild(nint info, ulong index);
}
