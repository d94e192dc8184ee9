using System.Net;
using Lake.Testing;

namespace Lake.AwsEmulator.Tests;

[Trait("Category", "Integration")]
public sealed class MotoServerTests
{
    [Fact]
    public async Task StartsOnAFreeLoopbackPortAndAnswersS3()
    {
        await using var server = await MotoServer.StartAsync();

        Assert.Equal("127.0.0.1", server.Endpoint.Host);
        Assert.NotEqual(0, server.Endpoint.Port);
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Endpoint);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ListAllMyBucketsResult", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwoServersRunSideBySideOnDifferentPorts()
    {
        await using var first = await MotoServer.StartAsync();
        await using var second = await MotoServer.StartAsync();

        Assert.NotEqual(first.Endpoint.Port, second.Endpoint.Port);
        Assert.True(first.IsRunning);
        Assert.True(second.IsRunning);
    }

    [Fact]
    public async Task DisposeLeavesNoProcessOfItsTreeBehind()
    {
        var server = await MotoServer.StartAsync();
        var root = server.ProcessId;
        var tree = ProcessTree.Of(root);
        Assert.Contains(root, tree);

        await server.DisposeAsync();

        Assert.All(tree, pid => Assert.False(ProcessTree.IsAlive(pid), $"process {pid} outlived the emulator"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(server.Endpoint));
    }

    [Fact]
    public async Task AMissingExecutableSaysHowToInstallIt()
    {
        var options = new MotoServerOptions { Executable = "moto_server_that_is_not_installed" };

        var error = await Assert.ThrowsAsync<AwsEmulatorException>(() => MotoServer.StartAsync(options));

        Assert.Contains("pip install \"moto[server]\"", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task APortAlreadyTakenIsRefusedBeforeStarting()
    {
        await using var first = await MotoServer.StartAsync();
        var options = new MotoServerOptions { Port = first.Endpoint.Port, StartupTimeout = TimeSpan.FromSeconds(20) };

        var error = await Assert.ThrowsAsync<AwsEmulatorException>(() => MotoServer.StartAsync(options));

        Assert.Contains($"Port {first.Endpoint.Port}", error.Message);
        Assert.Contains("already in use", error.Message);
    }

    [Fact]
    public async Task EmulatorOutputReachesTheLogCallback()
    {
        var lines = new List<string>();
        await using (var server = await MotoServer.StartAsync(new MotoServerOptions { Log = l => { lock (lines) { lines.Add(l); } } }))
        {
            using var http = new HttpClient();
            (await http.GetAsync(server.Endpoint)).Dispose();
            await Task.Delay(200);
        }

        lock (lines)
        {
            Assert.Contains(lines, l => l.Contains("GET / ", StringComparison.Ordinal));
        }
    }
}
