using Lake.Dashboard.Resources;

namespace Lake.AppHost.Telemetry;

/// <summary>
/// Where the dashboard starts: after the graph is built (it reads the resources through <see cref="IResourceFeed"/>)
/// and before any resource starts, so every service exports telemetry to it from its first line.
/// </summary>
internal static class DashboardSlot
{
    /// <summary>The running dashboard, disposed when the AppHost stops; null while the dashboard is not integrated.</summary>
    public static Task<IAsyncDisposable?> StartAsync(IResourceFeed feed, LakeEndpoints lake, CancellationToken cancellationToken)
    {
        // ── Integration (lead): Dashboard/Lake.Dashboard starts here, on the port reserved for it:
        //
        // var server = await LakeDashboard.StartAsync(new DashboardOptions
        // {
        //     Host = lake.Telemetry.Dashboard.Host,
        //     Port = lake.Telemetry.Dashboard.Port,
        //     Lake = lake.Lake.Options,
        //     Aws = ... (lake.Aws: Mode, Region, Endpoint),
        // }, feed, cancellationToken);
        // return server;
        _ = (feed, lake, cancellationToken);
        return Task.FromResult<IAsyncDisposable?>(null);
    }
}
