using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_value</c>; released with <c>duckdb_destroy_value</c>.</summary>
internal sealed class DuckDbValueHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbValueHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyValue(ref handle);
        return true;
    }
}
