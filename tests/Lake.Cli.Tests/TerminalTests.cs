using Lake.Testing;

namespace Lake.Cli.Tests;

/// <summary>On a terminal (a pseudo-terminal from util-linux's <c>script</c>) an upload draws a progress bar per file.</summary>
[Collection(CliLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class TerminalTests(CliLake lake)
{
    [Fact]
    public async Task OnATerminalEachFileGetsAProgressBarThatEndsWithItsFinalStage()
    {
        var script = ExecutableLocatorOrNull("script");
        Assert.True(script is not null, "util-linux's script is needed to give the tool a terminal");
        var directory = Directory.CreateDirectory(Path.Combine(lake.WorkingDirectory, "batch-terminal")).FullName;
        File.Copy(RepoPaths.OrdersSeed("valid", "orders-2024-04.csv"), Path.Combine(directory, "orders-2024-04.csv"), overwrite: true);
        var command = $"dotnet '{LakeTool.Assembly}' upload batch-terminal/orders-2024-04.csv";

        var result = await ProcessRunner.RunAsync(script, ["--quiet", "--return", "--command", command, "/dev/null"],
            new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "160", ["LINES"] = "40" }, TimeSpan.FromMinutes(5), lake.WorkingDirectory);

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result) + lake.ServiceOutput());
        Assert.Contains("\u001b[", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("━", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("100%", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cataloged", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 file(s): 1 ok, 0 not", result.Stdout, StringComparison.Ordinal);
    }

    private static string? ExecutableLocatorOrNull(string name) => Lake.Processes.ExecutableLocator.Find(name);
}
