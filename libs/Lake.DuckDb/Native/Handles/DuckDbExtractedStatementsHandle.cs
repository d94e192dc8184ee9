using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>A <c>duckdb_extracted_statements</c>; released with <c>duckdb_destroy_extracted</c> (also after a failed extraction).</summary>
internal sealed class DuckDbExtractedStatementsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbExtractedStatementsHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyExtracted(ref handle);
        return true;
    }
}
