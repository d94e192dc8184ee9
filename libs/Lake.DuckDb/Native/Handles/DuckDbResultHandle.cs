using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lake.DuckDb.Native;

/// <summary>
/// A <c>duckdb_result</c>. The struct lives in native memory we allocate, so the handle is a
/// <c>duckdb_result*</c>; release destroys the result and frees that memory.
/// </summary>
internal sealed unsafe class DuckDbResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DuckDbResultHandle() : base(ownsHandle: true)
    {
    }

    /// <summary>A zeroed result for <c>duckdb_query</c> or <c>duckdb_execute_prepared</c> to fill.</summary>
    public static DuckDbResultHandle Allocate()
    {
        var result = new DuckDbResultHandle();
        result.SetHandle((nint)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbNativeResult)));
        return result;
    }

    /// <summary>The next chunk; an invalid handle once the result is exhausted.</summary>
    public DuckDbDataChunkHandle FetchChunk()
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            return NativeMethods.FetchChunk(*(DuckDbNativeResult*)handle);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.DestroyResult(handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
