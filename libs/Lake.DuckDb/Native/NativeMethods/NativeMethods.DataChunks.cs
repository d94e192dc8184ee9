using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Data Chunk Interface, Vector Interface and Validity Mask Functions sections.
// Vectors belong to their chunk and are never destroyed on their own.
internal static partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_size")]
    internal static partial ulong DataChunkGetSize(DuckDbDataChunkHandle chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_column_count")]
    internal static partial ulong DataChunkGetColumnCount(DuckDbDataChunkHandle chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_vector")]
    internal static partial nint DataChunkGetVector(DuckDbDataChunkHandle chunk, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_data_chunk")]
    internal static partial void DestroyDataChunk(ref nint chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_get_data")]
    internal static partial nint VectorGetData(nint vector);

    /// <summary>The validity bitmask (bit set = valid), or zero when every row is valid.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_get_validity")]
    internal static partial nint VectorGetValidity(nint vector);
}
