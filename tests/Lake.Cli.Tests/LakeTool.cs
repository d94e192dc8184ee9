using Lake.Testing;

namespace Lake.Cli.Tests;

/// <summary>The built <c>lake</c> tool run as a user's shell runs it: its own process, a working directory, no LAKE_* of the test's.</summary>
public static class LakeTool
{
    private static readonly string[] Variables =
        ["LAKE_STATE_DIR", "LAKE_INGEST_URL", "LAKE_QUERY_URL", "LAKE_CONSOLE_URL", "LAKE_INGEST_KEY", "LAKE_QUERY_KEY", "LAKE_CONSOLE_KEY"];

    public static string Assembly => RepoPaths.BuiltAssembly("tools/Lake.Cli", "lake");

    /// <param name="environment">LAKE_* variables for this run; every other LAKE_* is removed.</param>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var variables = Variables.ToDictionary(v => v, v => environment?.GetValueOrDefault(v));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return ProcessRunner.RunAsync("dotnet", [Assembly, .. arguments], variables, TimeSpan.FromMinutes(5), workingDirectory);
    }

    /// <summary>What it printed, for an assertion's message.</summary>
    public static string Printed(ProcessResult result) => $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}";
}
