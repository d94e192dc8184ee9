using Lake.Testing;

namespace Lake.QueryService.Tests;

/// <summary>A bad setting stops the launch with a message naming its key.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class OptionsTests(EmulatorFixture emulator)
{
    [Theory]
    [InlineData("Query__MaxRows", "0", "Query:MaxRows")]
    [InlineData("Query__TimeoutSeconds", "0", "Query:TimeoutSeconds")]
    [InlineData("Query__MemoryLimit", "lots", "Query:MemoryLimit")]
    [InlineData("Query__MaxResultBytes", "lots", "Query:MaxResultBytes")]
    [InlineData("Query__MaxTempDirectorySize", "lots", "Query:MaxTempDirectorySize")]
    [InlineData("Query__MaxConcurrentQueries", "1", "Query:MaxConcurrentQueries")]
    [InlineData("Query__ApiKeys__0", null, "Query:ApiKeys needs at least one key")]
    [InlineData("Query__ApiKeys__0", "too-short", "Query:ApiKeys:0 must be at least 16 characters")]
    [InlineData("Lake__GlueDatabase", "Not-Valid", "Lake:GlueDatabase")]
    public async Task ABadSettingFailsTheLaunchNamingIt(string key, string? value, string named)
    {
        using var lake = new TestLake(emulator);
        var cacheDirectory = Path.Combine(Path.GetTempPath(), TestNames.Unique("query-cache"));

        try
        {
            var launch = await LaunchAsync(lake, cacheDirectory, key, value);

            Assert.NotEqual(0, launch.ExitCode);
            Assert.Contains(named, launch.Stdout + launch.Stderr);
        }
        finally
        {
            if (Directory.Exists(cacheDirectory))
            {
                Directory.Delete(cacheDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task TwoServicesCannotShareOneCacheDirectory()
    {
        using var lake = new TestLake(emulator);
        await using var first = await QueryServiceHost.StartAsync(emulator, lake);

        var second = await LaunchAsync(lake, first.CacheDirectory);

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("Query:CacheDirectory", second.Stdout + second.Stderr);
        Assert.Contains("in use", second.Stdout + second.Stderr);
    }

    // A launch that must fail, run to its end so everything it printed is there to read.
    private Task<ProcessResult> LaunchAsync(TestLake lake, string cacheDirectory, string? key = null, string? value = null)
    {
        var environment = QueryServiceHost.Environment(emulator, lake, cacheDirectory).ToDictionary(e => e.Key, e => (string?)e.Value);
        if (key is not null)
        {
            environment[key] = value;
        }

        return ProcessRunner.RunAsync("dotnet", [RepoPaths.BuiltAssembly("services/Lake.QueryService"), "--urls", "http://127.0.0.1:0"], environment, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task SigtermStopsTheServiceCleanly()
    {
        using var lake = new TestLake(emulator);
        await using var service = await QueryServiceHost.StartAsync(emulator, lake);

        var exitCode = await service.Process.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.False(ProcessTree.IsAlive(service.Process.ProcessId));
    }
}
