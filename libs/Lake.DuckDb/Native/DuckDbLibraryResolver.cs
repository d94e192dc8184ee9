using System.Reflection;
using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

/// <summary>
/// Decides which libduckdb file the <c>"duckdb"</c> imports load: the file named by
/// <c>DUCKDB_LIBRARY_PATH</c> when set, else the copy the build put next to the application, else
/// whatever the system's library search finds.
/// </summary>
internal static class DuckDbLibraryResolver
{
    public const string OverrideVariable = "DUCKDB_LIBRARY_PATH";

    private static int _registered;

    /// <summary>The library's file name on this operating system, as the npm package and the build name it.</summary>
    public static string PlatformFileName =>
        OperatingSystem.IsWindows() ? "duckdb.dll" : OperatingSystem.IsMacOS() ? "libduckdb.dylib" : "libduckdb.so";

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(DuckDbLibraryResolver).Assembly, Resolve);
        }
    }

    /// <summary>
    /// The file to load: the override if given (it must exist), else the first of
    /// <paramref name="directories"/> holding <see cref="PlatformFileName"/>, else null.
    /// </summary>
    public static string? FindLibrary(string? overridePath, IEnumerable<string?> directories)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var full = Path.GetFullPath(overridePath);
            return File.Exists(full)
                ? full
                : throw new DllNotFoundException($"{OverrideVariable} is '{overridePath}' but no file is there: point it at a libduckdb file or unset it.");
        }

        return directories
            .Where(directory => !string.IsNullOrEmpty(directory))
            .Select(directory => Path.Combine(directory!, PlatformFileName))
            .FirstOrDefault(File.Exists);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeMethods.LibraryName)
        {
            return 0;
        }

        var directories = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(assembly.Location) };
        var path = FindLibrary(Environment.GetEnvironmentVariable(OverrideVariable), directories);
        if (path is not null)
        {
            return NativeLibrary.Load(path);
        }

        return NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var handle)
            ? handle
            : throw new DllNotFoundException(
                $"{PlatformFileName} (DuckDB) was found neither next to the application ({AppContext.BaseDirectory}) nor on the library path: " +
                $"build through a project that references Lake.DuckDb (the build fetches it) or set {OverrideVariable} to a libduckdb file.");
    }
}
