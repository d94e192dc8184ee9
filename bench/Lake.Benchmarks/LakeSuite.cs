using System.Globalization;
using System.Text.Json;
using Lake.Testing;
using Lake.Testing.Aspire;

namespace Lake.Benchmarks;

/// <summary>
/// How a suite against the whole lake runs: the lake started from the AppHost as the tests start it (with the dashboard,
/// as a user's lake runs), the suite's measurement, its table, the JSON written to
/// <c>bench/results/{suite}-{time}.json</c> (not committed) and one last line of key figures. Exit 0 when the run was clean, 1 when not, 2 when it failed.
/// </summary>
internal static class LakeSuite
{
    public static async Task<int> RunAsync(
        Func<AspireLake, Action<string>, CancellationToken, Task<(ISuiteFigures Figures, bool Clean)>> measure, CancellationToken cancellationToken)
    {
        Console.WriteLine("Starting the lake (AppHost, free ports, its own state directory) ...");
        // A loaded machine can take longer to start the lake than a test allows. The dashboard runs, as for a user.
        var lake = new AspireLake { StartTimeout = TimeSpan.FromMinutes(20), Dashboard = true };
        try
        {
            await lake.InitializeAsync();
            var (figures, clean) = await measure(lake, line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}"), cancellationToken);
            Console.WriteLine();
            Console.WriteLine(figures.Table());
            var file = await WriteAsync(figures);
            Console.WriteLine($"written {file}");
            Console.WriteLine(figures.Line());
            return clean ? 0 : 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"The run failed: {ex}");
            return 2;
        }
        finally
        {
            await lake.DisposeAsync();
        }
    }

    private static async Task<string> WriteAsync(ISuiteFigures figures)
    {
        var directory = Path.Combine(RepoPaths.Root, "bench", "results");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{figures.Suite}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(figures, figures.GetType(), new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }
}
