using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_prepared_statement</c>; released with <c>duckdb_destroy_prepare</c> (also after a failed prepare).</summary>
internal sealed class DuckDbPreparedStatementHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbPreparedStatementHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyPrepare(ref handle);
        return true;
    }
}
