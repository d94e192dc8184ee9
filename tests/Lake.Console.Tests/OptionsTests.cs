using Lake.Testing;

namespace Lake.Console.Tests;

/// <summary>A bad setting stops the launch with a message naming its key; SIGTERM stops the console cleanly.</summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class OptionsTests(ConsoleLake lake)
{
    [Theory]
    [InlineData("Console__ApiKeys__0", null, "Console:ApiKeys needs at least one key")]
    [InlineData("Console__ApiKeys__0", "", "Console:ApiKeys:0 must be at least 16 characters")]
    [InlineData("Console__ApiKeys__0", "short-key", "Console:ApiKeys:0 must be at least 16 characters")]
    [InlineData("Console__DashboardUrl", "dashboard", "Console:DashboardUrl")]
    [InlineData("services__query__http__0", "ftp://query", "services:query:http:0")]
    [InlineData("Lake__AlertsInbox", "no spaces allowed", "Lake:AlertsInbox")]
    public async Task ABadSettingFailsTheLaunchNamingIt(string key, string? value, string named)
    {
        var environment = ConsoleProcess.Environment(lake.Emulator, lake.Lake, "a-key-long-enough-to-pass").ToDictionary(e => e.Key, e => (string?)e.Value);
        environment[key] = value;
        environment["DOTNET_ENVIRONMENT"] = "Development";

        var launch = await ProcessRunner.RunAsync("dotnet", [RepoPaths.BuiltAssembly("services/Lake.Console"), "--urls", "http://127.0.0.1:0"], environment, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, launch.ExitCode);
        Assert.Contains(named, launch.Stdout + launch.Stderr);
        if (key == "Console__ApiKeys__0" && value is { Length: > 0 })
        {
            // The launch output ends up in logs: a key is never printed.
            Assert.DoesNotContain(value, launch.Stdout + launch.Stderr);
        }
    }

    [Fact]
    public async Task SigtermStopsTheConsoleCleanly()
    {
        await using var console = await ConsoleProcess.StartAsync(lake.Emulator, lake.Lake);

        var exitCode = await console.Process.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.False(ProcessTree.IsAlive(console.Process.ProcessId));
    }
}
