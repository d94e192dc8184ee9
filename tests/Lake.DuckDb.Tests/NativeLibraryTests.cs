using Lake.DuckDb.Native;

namespace Lake.DuckDb.Tests;

[Trait("Category", "Unit")]
public sealed class NativeLibraryTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void TheBuildCopiesTheLibraryNextToTheTestBinaries()
    {
        var library = Path.Combine(AppContext.BaseDirectory, DuckDbLibraryResolver.PlatformFileName);

        Assert.True(File.Exists(library), $"{library} is missing");
        Assert.True(new FileInfo(library).Length > 1_000_000);
    }

    [Fact]
    public void TheOverrideWinsOverTheApplicationDirectory()
    {
        var overridePath = _scratch.File("custom-libduckdb");
        File.WriteAllText(overridePath, "");

        Assert.Equal(overridePath, DuckDbLibraryResolver.FindLibrary(overridePath, [AppContext.BaseDirectory]));
    }

    [Fact]
    public void AnOverrideNamingNoFileIsAClearError()
    {
        var missing = _scratch.File("missing.so");

        var error = Assert.Throws<DllNotFoundException>(() => DuckDbLibraryResolver.FindLibrary(missing, [AppContext.BaseDirectory]));

        Assert.Contains("DUCKDB_LIBRARY_PATH", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void WithoutAnOverrideTheFirstDirectoryHoldingTheLibraryIsUsed()
    {
        var empty = Directory.CreateDirectory(_scratch.File("empty")).FullName;
        var holding = Directory.CreateDirectory(_scratch.File("holding")).FullName;
        var library = Path.Combine(holding, DuckDbLibraryResolver.PlatformFileName);
        File.WriteAllText(library, "");

        Assert.Equal(library, DuckDbLibraryResolver.FindLibrary(null, [null, empty, holding]));
        Assert.Equal(library, DuckDbLibraryResolver.FindLibrary("", [holding]));
        Assert.Null(DuckDbLibraryResolver.FindLibrary(null, [empty]));
    }

    public void Dispose() => _scratch.Dispose();
}
