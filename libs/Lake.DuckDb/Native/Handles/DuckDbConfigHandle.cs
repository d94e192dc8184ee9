using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_config</c>; released with <c>duckdb_destroy_config</c>.</summary>
internal sealed class DuckDbConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbConfigHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyConfig(ref handle);
        return true;
    }
}
