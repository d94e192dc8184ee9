using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lake.LambdaEmulator.Functions;

/// <summary>
/// Runs every function's processes once the emulator listens (their Runtime API address must be known),
/// and stops them all on shutdown.
/// </summary>
internal sealed class FunctionHost(
    FunctionRegistry registry, IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<FunctionHost> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForServerAsync(stoppingToken))
        {
            return;
        }

        var listening = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var runtimeApi = $"{(listening.Host is "0.0.0.0" or "[::]" or "+" or "*" ? "127.0.0.1" : listening.Host)}:{listening.Port}";
        var processes = new List<FunctionProcess>();
        foreach (var function in registry.All)
        {
            var own = Enumerable.Range(1, Math.Max(1, function.Options.Concurrency))
                .Select(slot => new FunctionProcess(function, slot, instance => EnvironmentFor(function, runtimeApi, instance), logger))
                .ToList();
            processes.AddRange(own);
            function.InstanceTimedOut += instance => own.ForEach(p => p.Replace(instance));
            logger.LogInformation("{Function}: {Concurrency} process(es) of {Command}", function.Name, function.Options.Concurrency, function.Options.Command);
        }

        // A function process holds a /next request open, which Kestrel would wait for when it drains on shutdown:
        // the processes stop as soon as the application starts stopping, so the server can stop at once.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        await Task.WhenAll(processes.Select(p => p.RunAsync(stopping.Token)));
    }

    private async Task<bool> WaitForServerAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// What Lambda sets in an execution environment, plus the emulator's own AWS and telemetry settings
    /// (locally they stand in for the execution role), plus the function's configured variables.
    /// </summary>
    private Dictionary<string, string> EnvironmentFor(FunctionRuntime function, string runtimeApi, string instance)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && !key.Contains(':', StringComparison.Ordinal)
                && (key.StartsWith("AWS_", StringComparison.Ordinal) || key.StartsWith("OTEL_", StringComparison.Ordinal)))
            {
                environment[key] = value;
            }
        }

        environment["AWS_LAMBDA_RUNTIME_API"] = $"{runtimeApi}/runtime-api/{function.Name}/{instance}";
        environment["AWS_LAMBDA_FUNCTION_NAME"] = function.Name;
        environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.Options.MemorySize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{function.Name}";
        environment["OTEL_SERVICE_NAME"] = function.Name;
        foreach (var (key, value) in function.Options.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }
}
