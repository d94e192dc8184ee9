using Lake.Console.Services;

namespace Lake.Console.Apis;

/// <summary><c>/api/alerts</c>: the inbox, newest first, and whether it is being read.</summary>
internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", (AlertInbox inbox, string? type) => TypedResults.Ok(new
        {
            inbox = inbox.State,
            alerts = inbox.Alerts.Where(a => string.IsNullOrEmpty(type) || a.Type == type),
        }));
        return app;
    }
}
