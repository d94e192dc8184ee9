using Lake.Testing.Aspire;

namespace Lake.AppHost.Tests;

/// <summary>The AppHost as a process: settings that cannot work stop it at once, naming the setting.</summary>
[Trait("Category", "Integration")]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-cli-").FullName;

    [Fact]
    public async Task AnUnknownModeIsRefusedNamingTheModes()
    {
        await using var host = AppHostProcess.Start(_state, ["--mode", "cloud"]);

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("embedded, localstack, aws", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyPortIsRefusedNamingItsSetting()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        await using var host = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, $"--AppHost:Ports:Query={port}"]);

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"Port {port} (AppHost:Ports:Query) is already in use", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsTheOptions()
    {
        await using var host = AppHostProcess.Start(_state, ["--help"]);

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(0, host.ExitCode);
        Assert.Contains("--mode embedded|localstack|aws", host.Text, StringComparison.Ordinal);
        Assert.Contains("--seed", host.Text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
