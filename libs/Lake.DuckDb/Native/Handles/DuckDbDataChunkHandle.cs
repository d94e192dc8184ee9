using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_data_chunk</c> from <c>duckdb_fetch_chunk</c>; released with <c>duckdb_destroy_data_chunk</c>. Its vectors die with it.</summary>
internal sealed class DuckDbDataChunkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbDataChunkHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyDataChunk(ref handle);
        return true;
    }
}
