using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lake.AppHost.Lambda;

/// <summary><c>AddLambdaFunction</c> and <c>WithSQSEventSource</c>, shaped like Aspire.Hosting.AWS's.</summary>
internal static class LambdaFunctionExtensions
{
    /// <summary>
    /// Adds a function to the Lambda emulator: its state follows the emulator's, and it is healthy when an empty SQS
    /// batch invoked through the emulator's Invoke API comes back without a function error (its init phase has run).
    /// </summary>
    public static IResourceBuilder<LambdaFunctionResource> AddLambdaFunction<TProject>(this IResourceBuilder<ProjectResource> emulator, string name)
        where TProject : IProjectMetadata, new()
    {
        var builder = emulator.ApplicationBuilder;
        var function = new LambdaFunctionResource(name, emulator.Resource, AssemblyOf(new TProject().ProjectPath));
        var invokeApi = emulator.GetEndpoint("http");
        var healthKey = $"{name}-invoke";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey, _ => new FunctionInvokeHealthCheck(() => new Uri(invokeApi.Url), name), failureStatus: null, tags: null));

        emulator.WithEnvironment(context => ConfigureEmulatorAsync(context, function));
        return builder.AddResource(function)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "LambdaFunction",
                State = KnownResourceStates.Waiting,
                Properties = [new("lambda.assembly", function.AssemblyPath)],
            })
            .WithEnvironment("OTEL_SERVICE_NAME", name)
            .WithEnvironment("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id={name}")
            .WithHealthCheck(healthKey)
            .OnInitializeResource((resource, e, cancellationToken) =>
            {
                _ = FollowParentAsync(resource, e.Notifications, cancellationToken);
                return Task.CompletedTask;
            });
    }

    public static IResourceBuilder<LambdaFunctionResource> WithSQSEventSource(this IResourceBuilder<LambdaFunctionResource> function,
        string queueName, int batchSize = 10, int maximumBatchingWindowInSeconds = 0, bool reportBatchItemFailures = false)
    {
        function.Resource.EventSources.Add(new SqsEventSource(queueName, batchSize, maximumBatchingWindowInSeconds, reportBatchItemFailures));
        return function;
    }

    public static IResourceBuilder<LambdaFunctionResource> WithTimeout(this IResourceBuilder<LambdaFunctionResource> function, int seconds)
    {
        function.Resource.TimeoutSeconds = seconds;
        return function;
    }

    /// <summary>The function's state is its host's: running while the emulator runs, stopped with it.</summary>
    private static async Task FollowParentAsync(LambdaFunctionResource function, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (update.Resource == function.Parent && update.Snapshot.State?.Text is { } state)
                {
                    await notifications.PublishUpdateAsync(function, snapshot => snapshot with
                    {
                        State = state,
                        StartTimeStamp = update.Snapshot.StartTimeStamp,
                        StopTimeStamp = update.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ConfigureEmulatorAsync(EnvironmentCallbackContext context, LambdaFunctionResource function)
    {
        var prefix = $"LambdaEmulator__Functions__{function.Name}__";
        var host = context.EnvironmentVariables;
        host[prefix + "Command"] = "dotnet";
        host[prefix + "Arguments__0"] = function.AssemblyPath;
        host[prefix + "WorkingDirectory"] = Path.GetDirectoryName(function.AssemblyPath)!;
        host[prefix + "TimeoutSeconds"] = Text(function.TimeoutSeconds);
        host[prefix + "MemorySize"] = Text(function.MemorySize);
        // The function's own WithEnvironment calls, evaluated into the host's variables (values resolve with the host's).
        var own = new Dictionary<string, object>(StringComparer.Ordinal);
        var ownContext = new EnvironmentCallbackContext(context.ExecutionContext, function, own, context.CancellationToken);
        foreach (var callback in function.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(ownContext);
        }

        foreach (var (key, value) in own)
        {
            host[$"{prefix}Environment__{key}"] = value;
        }

        for (var i = 0; i < function.EventSources.Count; i++)
        {
            var source = function.EventSources[i];
            var mapping = $"{prefix}EventSourceMappings__{Text(i)}__";
            host[mapping + "QueueName"] = source.QueueName;
            host[mapping + "BatchSize"] = Text(source.BatchSize);
            host[mapping + "MaximumBatchingWindowInSeconds"] = Text(source.MaximumBatchingWindowInSeconds);
            // Lambda's advice: a queue's visibility timeout well above the function timeout, or a slow batch is redelivered mid-run.
            host[mapping + "VisibilityTimeoutSeconds"] = Text(function.TimeoutSeconds + 30);
            if (source.ReportBatchItemFailures)
            {
                host[mapping + "FunctionResponseTypes__0"] = "ReportBatchItemFailures";
            }
        }
    }

    /// <summary>The function's assembly in its build output for the AppHost's own configuration (the AppHost's build builds it).</summary>
    private static string AssemblyOf(string projectPath)
    {
        var configuration = typeof(LambdaFunctionExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(projectPath) + ".dll");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A function is healthy when it handles an invocation: an empty SQS batch through the Lambda emulator's Invoke API
/// reaches the function's process and comes back without a function error.
/// </summary>
internal sealed class FunctionInvokeHealthCheck(Func<Uri> invokeApi, string function) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var content = new StringContent("""{"Records":[]}""", Encoding.UTF8, "application/json");
            using var response = await Http.PostAsync(new Uri(invokeApi(), $"/2015-03-31/functions/{function}/invocations"), content, cancellationToken);
            return response.IsSuccessStatusCode && !response.Headers.Contains("X-Amz-Function-Error")
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"invoke answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
