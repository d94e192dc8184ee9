using Lake.Dashboard.Alerts;
using Lake.Dashboard.DeadLetters;
using Lake.Dashboard.Otlp;
using Lake.Dashboard.Pages;
using Lake.Dashboard.Pipeline;
using Lake.Dashboard.Resources;
using Lake.Dashboard.Telemetry;
using Lake.Dashboard.Uploads;
using Lake.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Dashboard.Hosting;

internal static class DashboardEndpoints
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.Use(LakeUnavailable.HandleAsync);
        app.MapOtlpReceiver();
        app.MapResourcesApi();
        app.MapTelemetryApi();
        app.MapUploadsApi();
        app.MapObjectsApi();
        app.MapAlertsApi();
        app.MapDeadLettersApi();
        app.MapPipelineApi();
        app.MapQueryConsoleApi();
        app.MapDashboardPages(app.Services.GetRequiredService<StaticAssets>());
        return app;
    }
}
