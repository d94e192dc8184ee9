using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.ServiceDefaults;

/// <summary>
/// Gives ASP.NET Core's request activity the OpenTelemetry HTTP semantic conventions (name <c>GET /route</c>,
/// method, route, path, status), which OpenTelemetry.Instrumentation.AspNetCore would add and this registry lacks.
/// </summary>
internal static class RequestActivityEnricher
{
    public static async Task EnrichAsync(HttpContext context, RequestDelegate next)
    {
        var activity = Activity.Current;
        try
        {
            await next(context);
        }
        finally
        {
            if (activity is not null)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
                activity.SetTag("http.request.method", context.Request.Method);
                activity.SetTag("url.path", context.Request.Path.Value);
                activity.SetTag("http.route", route);
                activity.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.Response.StatusCode >= 500)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        }
    }
}
