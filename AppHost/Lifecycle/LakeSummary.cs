using System.Text.Json;
using Lake.AppHost.Aws;
using Lake.AppHost.Scheduling;
using Lake.AppHost.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.AppHost.Lifecycle;

/// <summary>
/// Once every resource is healthy: prints the summary (dashboard login, each resource's URL, the keys, the AWS CLI),
/// and writes <c>&lt;state&gt;/lake.json</c> for the <c>lake</c> CLI.
/// </summary>
internal sealed class LakeSummary(
    LakeSettings lake, AwsTarget aws, IReadOnlyList<IResourceWithEndpoints> services,
    DistributedApplicationModel model, ResourceNotificationService notifications, IConfiguration configuration,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            foreach (var resource in model.Resources.Where(r => r is not ParameterResource && !IsDashboard(r) && r.Name != SeedResource.Name))
            {
                if (notifications.TryGetCurrentState(resource.Name, out var initial) && initial.Snapshot.IsHidden)
                {
                    continue; // Aspire's own helpers (a project's rebuilder)
                }

                var ready = resource.Name == "provisioner"
                    ? (Task)notifications.WaitForResourceAsync(resource.Name, KnownResourceStates.TerminalStates, stopping.Token)
                    : notifications.WaitForResourceHealthyAsync(resource.Name, stopping.Token);
                while (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20), stopping.Token)) != ready)
                {
                    stopping.Token.ThrowIfCancellationRequested();
                    var now = notifications.TryGetCurrentState(resource.Name, out var current) ? current.Snapshot : null;
                    Console.WriteLine($"  waiting for {resource.Name} ({now?.State?.Text ?? "no state"}, {now?.HealthStatus?.ToString() ?? "health unknown"})");
                }

                await ready;
            }

            var urls = services.ToDictionary(s => s.Name, s => s.GetEndpoint("http").Url);
            // Scheduled ingestion's own resources (Scheduling/ScheduledIngestionExtensions.cs), after the core services.
            foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>()
                .Where(r => r.Name is ScheduledIngestionExtensions.ShopApi or ScheduledIngestionExtensions.Scheduler))
            {
                urls.TryAdd(resource.Name, resource.GetEndpoint("http").Url);
            }

            var dashboard = DashboardUrl(model, configuration);
            var awsEndpoint = aws.Endpoint switch
            {
                EndpointReference endpoint => endpoint.Url,
                string url => url,
                _ => null,
            };
            WriteEndpoints(urls, dashboard, awsEndpoint);
            Print(urls, dashboard, awsEndpoint);
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"  lake.json: not written: {ex.Message}");
        }
    }

    /// <summary>The Aspire dashboard's login URL (with its browser token), or null when it does not run (tests).</summary>
    public static string? DashboardUrl(DistributedApplicationModel model, IConfiguration configuration, bool login = false)
    {
        if (!model.Resources.Any(IsDashboard) || configuration["ASPNETCORE_URLS"] is not { Length: > 0 } urls)
        {
            return null;
        }

        var url = urls.Split(';')[0].TrimEnd('/');
        return login && configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url}/login?t={token}" : url;
    }

    private static bool IsDashboard(IResource resource) => resource.Name == "aspire-dashboard";

    private void WriteEndpoints(Dictionary<string, string> urls, string? dashboard, string? awsEndpoint)
    {
        var file = Path.Combine(lake.State.Directory, LocalState.EndpointsFile);
        var json = JsonSerializer.Serialize(new
        {
            ingestApi = urls["ingest-api"],
            query = urls["query"],
            console = urls["lake-console"],
            dashboard,
            awsEndpoint,
        }, Indented);
        File.WriteAllText(file + ".tmp", json + "\n");
        File.Move(file + ".tmp", file, overwrite: true);
    }

    private void Print(Dictionary<string, string> urls, string? dashboard, string? awsEndpoint)
    {
        var output = new StringWriter();
        output.WriteLine();
        output.WriteLine("The lake is running. Press Ctrl+C to stop.");
        if (dashboard is not null)
        {
            output.WriteLine($"  dashboard        {DashboardUrl(model, configuration, login: true)}");
        }

        foreach (var (name, url) in urls)
        {
            output.WriteLine($"  {name,-16} {url}");
        }

        output.WriteLine($"  validate         (runs in lambda-emulator)");
        if (model.Resources.Any(r => r.Name == ScheduledIngestionExtensions.IngestHttp))
        {
            output.WriteLine($"  {ScheduledIngestionExtensions.IngestHttp,-16} (runs in lambda-emulator; the scheduler invokes it, or its Run now command)");
        }

        output.WriteLine($"  API key: {lake.State.IngestApiKey}");
        output.WriteLine($"  query key:   {lake.State.QueryApiKey}   (x-api-key for {urls["query"]}/v1/query)");
        output.WriteLine($"  console key: {lake.State.ConsoleKey}   ({urls["lake-console"]}/login?key={lake.State.ConsoleKey})");
        output.WriteLine(awsEndpoint is null
            ? $"  AWS CLI: your own account and region ({aws.Region})"
            : $"  AWS CLI: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION={aws.Region} aws --endpoint-url {awsEndpoint} s3 ls");
        output.WriteLine($"  endpoints: {Path.Combine(lake.State.Directory, LocalState.EndpointsFile)}");
        Console.Out.Write(output.ToString());
    }
}

internal static class LakeSummaryExtensions
{
    public static IDistributedApplicationBuilder AddLakeSummary(this IDistributedApplicationBuilder builder, LakeSettings lake, AwsTarget aws,
        params IResourceBuilder<IResourceWithEndpoints>[] services)
    {
        builder.Services.AddHostedService(provider => ActivatorUtilities.CreateInstance<LakeSummary>(
            provider, lake, aws, (IReadOnlyList<IResourceWithEndpoints>)[.. services.Select(s => s.Resource)]));
        return builder;
    }

    /// <summary><c>Console__DashboardUrl</c>: where the console links an upload's trace (only when the dashboard runs).</summary>
    public static IResourceBuilder<ProjectResource> WithDashboardUrl(this IResourceBuilder<ProjectResource> console, IDistributedApplicationBuilder builder) =>
        console.WithEnvironment(context =>
        {
            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (LakeSummary.DashboardUrl(model, builder.Configuration) is { } url)
            {
                context.EnvironmentVariables["Console__DashboardUrl"] = url;
            }
        });
}
