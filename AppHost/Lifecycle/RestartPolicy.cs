using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.AppHost.Lifecycle;

/// <summary>
/// What Aspire lacks: a process that exits unexpectedly (not stopped from the dashboard, not at shutdown) is restarted
/// with Aspire's own restart command after 1 s, 2 s, 4 s ... up to 30 s; a run of 30 s or more resets the backoff.
/// </summary>
internal sealed class RestartPolicy(
    ResourceNotificationService notifications, ResourceCommandService commands, ResourceLoggerService logs,
    IHostApplicationLifetime lifetime, IReadOnlySet<string> except) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, (string? State, int Failures, DateTime? RunningSince)> _seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping.Token))
            {
                var resource = update.Resource;
                if (resource is not (ProjectResource or ExecutableResource) || except.Contains(resource.Name))
                {
                    continue;
                }

                var state = update.Snapshot.State?.Text;
                var (previous, failures, since) = _seen.GetValueOrDefault(resource.Name);
                if (state == previous)
                {
                    continue;
                }

                if (state == KnownResourceStates.Running)
                {
                    since = DateTime.UtcNow;
                }
                else if (KnownResourceStates.TerminalStates.Contains(state) && previous is not ("Stopping" or null) && !stopping.IsCancellationRequested)
                {
                    failures = since is { } start && DateTime.UtcNow - start >= MaxDelay ? 1 : failures + 1;
                    var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, failures - 1)));
                    logs.GetLogger(resource).LogWarning("{Resource} exited unexpectedly (exit code {ExitCode}); restart {Count} in {Delay}s",
                        resource.Name, update.Snapshot.ExitCode, failures, delay.TotalSeconds);
                    _ = RestartAsync(resource, delay, stopping.Token);
                    since = null;
                }

                _seen[resource.Name] = (state, failures, since);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RestartAsync(IResource resource, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            // The process is gone: Aspire's start command (its restart command would stop it first) brings it back.
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
            if (!result.Success)
            {
                result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand, cancellationToken);
            }

            if (!result.Success)
            {
                logs.GetLogger(resource).LogError("Restarting {Resource} failed: {Error}", resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

internal static class RestartPolicyExtensions
{
    /// <summary>Restarts every project and executable resource that dies, except <paramref name="except"/> (run-once ones).</summary>
    public static IDistributedApplicationBuilder AddRestartPolicy(this IDistributedApplicationBuilder builder, params IResource[] except)
    {
        var names = except.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<RestartPolicy>(services, (IReadOnlySet<string>)names));
        return builder;
    }
}
