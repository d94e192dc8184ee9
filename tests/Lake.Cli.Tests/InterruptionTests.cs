using System.Diagnostics;
using Lake.Processes;
using Lake.Testing;

namespace Lake.Cli.Tests;

/// <summary>Ctrl+C or SIGTERM while following an upload: the tool stops, says where each upload stands and how to look again.</summary>
[Trait("Category", "Integration")]
public sealed class InterruptionTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("lake-cli-interrupt-");

    [Fact]
    public async Task SigtermWhileFollowingStopsWithExitCode130AndTheUploadIdToLookUpLater()
    {
        using var ingest = new StuckIngestApi();
        File.Copy(RepoPaths.OrdersSeed("valid", "orders-2024-01.csv"), Path.Combine(_work.FullName, "orders.csv"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { LakeTool.Assembly, "upload", "orders.csv", "--ingest-url", ingest.Url.ToString(), "--ingest-key", "k" },
        };
        using var lake = Process.Start(start)!;
        var stdout = new List<string>();
        var following = new TaskCompletionSource();
        lake.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.Add(e.Data ?? "");
            }

            if (e.Data?.Contains("orders.csv: Validated", StringComparison.Ordinal) == true)
            {
                following.TrySetResult();
            }
        };
        lake.BeginOutputReadLine();
        var stderr = lake.StandardError.ReadToEndAsync();

        await following.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await ProcessSignals.StopAsync(lake, TimeSpan.FromSeconds(30));
        await lake.WaitForExitAsync();

        var printed = string.Join('\n', stdout) + "\nstderr:\n" + await stderr;
        Assert.True(lake.ExitCode == 130, printed);
        Assert.Contains("Interrupted", printed, StringComparison.Ordinal);
        Assert.Contains($"lake status {StuckIngestApi.UploadId}", printed, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
