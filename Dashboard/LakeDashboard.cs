using Lake.Dashboard.Hosting;
using Lake.Dashboard.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Dashboard;

/// <summary>The dashboard's entry point: the AppHost starts it in its own process and hands it the resources it runs.</summary>
public static class LakeDashboard
{
    /// <summary>
    /// Starts the dashboard (pages, JSON API and OTLP/HTTP receiver on one port) and returns once it listens.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A bad setting, named by its key.</exception>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, IResourceFeed resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        options.EnsureValid();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LakeDashboard).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.ListenAddress!, options.Port));
        // The dashboard runs inside the AppHost: its console is the AppHost's, so only what matters reaches it.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
        builder.AddDashboard(options, resources);

        var app = builder.Build();
        app.MapDashboard();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new DashboardServer(app);
    }
}
