using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_logical_type</c>; released with <c>duckdb_destroy_logical_type</c>.</summary>
internal sealed class DuckDbLogicalTypeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbLogicalTypeHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyLogicalType(ref handle);
        return true;
    }
}
