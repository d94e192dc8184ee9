using Lake.Lambda.Client;
using Lake.Lambda.Context;
using Lake.Processes;

namespace Lake.Lambda.Bootstrap;

/// <summary>What a function's <c>Program.cs</c> calls: the runtime loop over this process's environment, stopped by SIGTERM or Ctrl+C.</summary>
public static class LambdaRuntime
{
    /// <returns>The process exit code: 0 after a clean stop, 1 when initialisation failed.</returns>
    public static async Task<int> RunAsync(LambdaBootstrapHandler handler, Func<CancellationToken, Task>? initializer = null)
    {
        using var stop = new ShutdownSignal();
        using var client = new RuntimeApiClient(LambdaEnvironment.FromProcess());
        var bootstrap = new LambdaBootstrap(client, handler, initializer);
        return await bootstrap.RunAsync(stop.Token) ? 0 : 1;
    }
}
