using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lake.Processes;
using Lake.Testing;

namespace Lake.AppHost.Tests;

/// <summary>The AppHost as a user runs it: a real process, stopped with SIGTERM.</summary>
[Trait("Category", "Integration")]
public sealed class AppHostTests
{
    [Fact]
    public async Task StartsTheEmulatorProvisionsTheLakeAndLeavesNothingBehindOnSigterm()
    {
        var port = FreePort();
        var output = new List<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", [RepoPaths.BuiltAssembly("AppHost", "Lake.AppHost"), $"--AppHost:EmulatorPort={port}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        host.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.Add(e.Data ?? "");
            }

            if (e.Data?.Contains("The lake is running", StringComparison.Ordinal) == true)
            {
                running.TrySetResult();
            }
        };
        host.Start();
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        IReadOnlyList<int> tree = [];
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(90));
            tree = ProcessTree.Of(host.Id);
            var cli = new AwsCli(new Uri($"http://127.0.0.1:{port}"), "us-east-1", "test", "test");

            var buckets = await cli.RunRawAsync("s3api", "list-buckets");
            var queue = await cli.RunAsync("sqs", "get-queue-url", "--queue-name", "lake-validate-dlq");

            Assert.Contains("lake-quarantine", buckets);
            Assert.NotNull(queue);
            Assert.True(tree.Count >= 2, "the emulator should run as the AppHost's child");
        }
        finally
        {
            await ProcessSignals.StopAsync(host, TimeSpan.FromSeconds(15));
        }

        Assert.Equal(0, host.ExitCode);
        Assert.All(tree, pid => Assert.False(ProcessTree.IsAlive(pid), $"process {pid} outlived the AppHost"));
        lock (output)
        {
            Assert.Contains(output, l => l.Contains("lake-uploads", StringComparison.Ordinal));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
