namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ConfigTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void ThreadsMemoryLimitAndTempDirectoryAreApplied()
    {
        var config = new DuckDbConfig { Threads = 1, MemoryLimit = "512MiB", TempDirectory = _scratch.File("spill") };

        using var database = DuckDbDatabase.Open(null, config);
        using var connection = database.Connect();

        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT current_setting('threads')"));
        Assert.Equal("512.0 MiB", connection.ExecuteScalar<string>("SELECT current_setting('memory_limit')"));
        Assert.Equal(_scratch.File("spill"), connection.ExecuteScalar<string>("SELECT current_setting('temp_directory')"));
    }

    [Fact]
    public void AnyOptionCanBeSetByName()
    {
        var config = new DuckDbConfig().Set("default_order", "desc");

        using var database = DuckDbDatabase.Open(null, config);
        using var connection = database.Connect();

        Assert.Equal("desc", connection.ExecuteScalar<string>("SELECT lower(current_setting('default_order'))"));
        Assert.Equal([2L, 1L, 0L], ReadLongs(connection, "SELECT range FROM range(3) ORDER BY range"));
    }

    [Fact]
    public void TypedPropertiesReadBackWhatWasSet()
    {
        var config = new DuckDbConfig { Threads = 3, MemoryLimit = "1GB" };
        config.MemoryLimit = null;

        Assert.Equal(3, config.Threads);
        Assert.Null(config.MemoryLimit);
        Assert.Equal(["threads"], config.Options.Keys);
    }

    [Fact]
    public void TheLoadedLibraryIsDuckDb156()
    {
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }

    public void Dispose() => _scratch.Dispose();

    private static List<long> ReadLongs(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
