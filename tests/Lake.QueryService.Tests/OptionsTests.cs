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
    [InlineData("Lake__GlueDatabase", "Not-Valid", "Lake:GlueDatabase")]
    public async Task ABadSettingFailsTheLaunchNamingIt(string key, string value, string named)
    {
        using var lake = new TestLake(emulator);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            QueryServiceHost.StartAsync(emulator, lake, new Dictionary<string, string> { [key] = value }));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task TwoServicesCannotShareOneCacheDirectory()
    {
        using var lake = new TestLake(emulator);
        await using var first = await QueryServiceHost.StartAsync(emulator, lake);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            QueryServiceHost.StartAsync(emulator, lake, new Dictionary<string, string> { ["Query__CacheDirectory"] = first.CacheDirectory }));

        Assert.Contains("Query:CacheDirectory", error.Message);
        Assert.Contains("in use", error.Message);
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
