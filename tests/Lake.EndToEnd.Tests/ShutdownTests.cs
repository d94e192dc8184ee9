using Lake.Testing;
using Lake.Testing.Aspire;

namespace Lake.EndToEnd.Tests;

/// <summary>Stopping the lake: everything the AppHost (and DCP) started stops, nothing is left running.</summary>
/// <remarks>
/// Alone (its own collection, not in parallel with the other lakes of this project): with two more lakes starting on
/// a 2-core machine, the stop outlasted its bound in CI while it passed alone.
/// </remarks>
[Collection(ShutdownCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class ShutdownTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-e2e-stop-").FullName;

    [Fact]
    public async Task CtrlCStopsEveryProcessOfTheLake()
    {
        await using var host = AppHostProcess.Start(_state, AppHostProcess.FreePorts);
        await host.WaitUntilRunningAsync();
        var tree = LakeProcesses(host.Id);

        // What a terminal's Ctrl+C sends to the program in its foreground.
        await ProcessRunner.RunAsync("kill", ["-INT", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        await host.WaitForExitAsync(exited.Token);

        Assert.True(tree.Count >= 8, $"DCP, the emulator, the Lambda emulator, the function and five services run under the AppHost: {tree.Count} processes");
        Assert.Equal(0, host.ExitCode);
        Assert.Empty(await ProcessTree.SurvivorsAfterAsync(tree, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AfterTheAppHostIsKilledDcpStopsEverythingItStarted()
    {
        await using var host = AppHostProcess.Start(_state, AppHostProcess.FreePorts);
        await host.WaitUntilRunningAsync();
        var tree = LakeProcesses(host.Id);

        host.Kill();

        Assert.True(tree.Count >= 8, $"{tree.Count} processes");
        Assert.Empty(await ProcessTree.SurvivorsAfterAsync(tree, TimeSpan.FromSeconds(60)));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    /// <summary>
    /// The AppHost's processes and DCP's: DCP runs detached (<c>dcp start-apiserver --detach --monitor &lt;AppHost pid&gt;</c>),
    /// so the resources are descendants of the DCP processes that monitor this AppHost, not of the AppHost.
    /// </summary>
    private static IReadOnlyList<int> LakeProcesses(int appHost)
    {
        var monitor = $"--monitor\0{appHost}\0";
        var dcp = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Select(d => int.TryParse(d, out var pid) ? pid : 0).Where(pid => pid > 0)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Contains(monitor, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            });
        return [.. new[] { appHost }.Concat(dcp).SelectMany(ProcessTree.Of).Distinct()];
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ShutdownCollection
{
    public const string Name = "shutdown";
}
