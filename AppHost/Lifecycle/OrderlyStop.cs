using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.AppHost.Lifecycle;

/// <summary>
/// On Ctrl+C or SIGTERM, stops the lake before the AppHost exits: first every project, then the emulator (so it saves
/// its state after the last write), each through Aspire's own stop command, waiting for each to reach a terminal state.
/// Without it the AppHost exits at once and DCP stops the processes afterwards: the emulator would write its state
/// after the AppHost is gone, over a <c>--clean</c> of the next start.
/// </summary>
internal sealed class OrderlyStop(
    DistributedApplicationModel model, ResourceNotificationService notifications, ResourceCommandService commands,
    ILogger<OrderlyStop> logger) : IHostedService
{
    /// <summary>DCP itself gives a process 5 s after SIGTERM before it kills it; this bounds the whole stop.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Hosted services stop in reverse order of registration: this one before Aspire's orchestrator and DCP.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Patience);
        var active = model.Resources
            .Where(r => r is ProjectResource or ExecutableResource or ContainerResource && !r.Name.StartsWith("aspire-dashboard", StringComparison.Ordinal))
            .Where(r => notifications.TryGetCurrentState(r.Name, out var e) && e.Snapshot.State?.Text is { } state
                && !KnownResourceStates.TerminalStates.Contains(state) && state != KnownResourceStates.NotStarted)
            .ToList();
        try
        {
            await Task.WhenAll(active.Where(r => r is ProjectResource).Select(r => StopAsync(r, bound.Token)));
            await Task.WhenAll(active.Where(r => r is not ProjectResource).Select(r => StopAsync(r, bound.Token)));
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Not every resource stopped within {Patience}s; DCP stops the rest after the AppHost exits.", Patience.TotalSeconds);
        }
    }

    private async Task StopAsync(IResource resource, CancellationToken cancellationToken)
    {
        var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken);
        if (result.Success)
        {
            await notifications.WaitForResourceAsync(resource.Name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);
        }
    }
}

internal static class OrderlyStopExtensions
{
    public static IDistributedApplicationBuilder AddOrderlyStop(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<OrderlyStop>();
        return builder;
    }
}
