using System.Runtime.InteropServices;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// An open DuckDB database, a file or in memory.
/// </summary>
/// <remarks>
/// Thread-safe: share one instance across threads (open a file once per process) and give each
/// thread its own <see cref="DuckDbConnection"/> from <see cref="Connect"/>. Dispose it after its
/// connections; DuckDB keeps the database alive until the last connection closes.
/// </remarks>
public sealed class DuckDbDatabase : IDisposable
{
    private readonly DuckDbDatabaseHandle _handle;

    private DuckDbDatabase(DuckDbDatabaseHandle handle, string? path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? Path { get; }

    /// <summary>The loaded libduckdb's version, e.g. <c>v1.5.6</c>.</summary>
    public static string LibraryVersion => Marshal.PtrToStringUTF8(NativeMethods.LibraryVersion()) ?? "unknown";

    /// <summary>
    /// Opens (creating if missing) the database file at <paramref name="path"/>, or an in-memory
    /// database when it is null, empty or <c>":memory:"</c>.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB could not open it; the message is DuckDB's.</exception>
    public static DuckDbDatabase Open(string? path, DuckDbConfig? config = null)
    {
        var file = string.IsNullOrEmpty(path) || path == ":memory:" ? null : path;
        using var nativeConfig = (config ?? new DuckDbConfig()).CreateNative();
        var state = NativeMethods.OpenExt(file, out var handle, nativeConfig, out var error);
        if (state == DuckDbState.Success)
        {
            return new DuckDbDatabase(handle, file);
        }

        handle.Dispose();
        var message = error == 0 ? null : Marshal.PtrToStringUTF8(error);
        if (error != 0)
        {
            NativeMethods.Free(error);
        }

        throw DuckDbException.FromMessage(message ?? $"DuckDB could not open {file ?? "an in-memory database"}.");
    }

    /// <summary>A new connection; use one per thread.</summary>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (NativeMethods.Connect(_handle, out var connection) != DuckDbState.Success)
        {
            connection.Dispose();
            throw new DuckDbException($"DuckDB could not connect to {Path ?? "the in-memory database"}.");
        }

        return new DuckDbConnection(connection);
    }

    public void Dispose() => _handle.Dispose();
}
