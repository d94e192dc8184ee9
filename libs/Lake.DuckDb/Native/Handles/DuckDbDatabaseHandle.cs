using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_database</c>; released with <c>duckdb_close</c>.</summary>
internal sealed class DuckDbDatabaseHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbDatabaseHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.Close(ref handle);
        return true;
    }
}
