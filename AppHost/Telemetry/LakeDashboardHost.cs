using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Lake.AppHost.References;
using Lake.Configuration;
using Lake.Dashboard;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Telemetry;

/// <summary>
/// Starts the dashboard in the AppHost's process, as Aspire's AppHost does: after the graph is built (it reads the
/// resources through <see cref="IResourceFeed"/>) and before any resource starts, so every service exports telemetry
/// to its OTLP receiver from its first line. It reaches AWS as the services do.
/// </summary>
internal static class LakeDashboardHost
{
    public static Task<DashboardServer> StartAsync(IResourceFeed feed, LakeEndpoints lake, CancellationToken cancellationToken)
    {
        var aws = lake.Aws.Endpoint is { } endpoint
            ? LakeAwsOptions.ForEndpoint(lake.Aws.Region, endpoint, new BasicAWSCredentials(AwsTarget.EmulatorAccessKey, AwsTarget.EmulatorAccessKey))
            : new AWSOptions { Region = RegionEndpoint.GetBySystemName(lake.Aws.Region) };
        return LakeDashboard.StartAsync(new DashboardOptions
        {
            Host = lake.Telemetry.Dashboard.Host,
            Port = lake.Telemetry.Dashboard.Port,
            Lake = lake.Lake.Options,
            Aws = aws,
            StateDirectory = lake.State.Directory,
        }, feed, cancellationToken);
    }
}
