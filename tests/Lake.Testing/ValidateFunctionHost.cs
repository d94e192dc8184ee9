using System.Globalization;
using Lake.Configuration;

namespace Lake.Testing;

/// <summary>
/// The Lambda emulator as a real process running the real validate function, fed by the lake's validate queue with
/// partial batch failures, as the AppHost wires it.
/// </summary>
public static class ValidateFunctionHost
{
    private const string Validate = "LambdaEmulator__Functions__validate__";

    /// <param name="retryAfterSeconds">How long a failed message stays invisible before its next receive.</param>
    /// <param name="settings">The function's settings over the lake's, e.g. a bad one that fails its init.</param>
    /// <param name="ready">The emulator's line that ends the wait: by default the function's init succeeded.</param>
    /// <returns>The emulator, once the function's init phase has run.</returns>
    public static async Task<ServiceProcess> StartAsync(
        IReadOnlyDictionary<string, string> aws, LakeOptions lake, int retryAfterSeconds = 30, IReadOnlyDictionary<string, string>? settings = null,
        string ready = "validate function ready")
    {
        var emulator = new Dictionary<string, string>(aws)
        {
            [Validate + "Command"] = "dotnet",
            [Validate + "Arguments__0"] = RepoPaths.BuiltAssembly("functions/Lake.Functions.Validate"),
            [Validate + "TimeoutSeconds"] = "60",
            [Validate + "EventSourceMappings__0__QueueName"] = lake.Queues.Validate.Name,
            [Validate + "EventSourceMappings__0__BatchSize"] = "10",
            [Validate + "EventSourceMappings__0__MaximumBatchingWindowInSeconds"] = "1",
            [Validate + "EventSourceMappings__0__VisibilityTimeoutSeconds"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture),
            [Validate + "EventSourceMappings__0__FunctionResponseTypes__0"] = "ReportBatchItemFailures",
        };
        foreach (var (key, value) in LakeEnvironment.Of(lake).Concat(settings ?? new Dictionary<string, string>()))
        {
            emulator[Validate + "Environment__" + key] = value;
        }

        var process = await ServiceProcess.StartAsync("services/Lake.LambdaEmulator", emulator);
        try
        {
            await process.WaitForOutputAsync(line => line.Contains(ready, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
