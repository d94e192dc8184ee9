using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lake.TransformService.Queue;

/// <summary>Ready once the queue, dead-letter queue and alerts topic are resolved: the AppHost waits on it.</summary>
internal sealed class QueueHealthCheck(QueueAddresses addresses) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(addresses.IsResolved
            ? HealthCheckResult.Healthy("consuming the transform queue")
            : HealthCheckResult.Unhealthy("resolving the transform queue, its dead-letter queue and the alerts topic"));
}
