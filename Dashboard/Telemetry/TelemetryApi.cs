using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Telemetry;

/// <summary>What the traces pages read: <c>/api/traces</c>, <c>/api/traces/{traceId}</c>, <c>/api/structured-logs</c>, <c>/api/metrics</c>.</summary>
internal static class TelemetryApi
{
    private const int MaxRows = 500;

    public static IEndpointRouteBuilder MapTelemetryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/traces", (TraceStore traces, string? service, string? q, int? limit) => TypedResults.Ok(new
        {
            services = traces.Services(),
            traces = traces.List(string.IsNullOrEmpty(service) ? null : service, q, Math.Clamp(limit ?? 100, 1, MaxRows)),
        }));
        api.MapGet("/traces/{traceId}", GetTrace);
        api.MapGet("/structured-logs", (StructuredLogStore logs, string? traceId, string? service, int? limit) =>
            TypedResults.Ok(logs.Find(traceId, service, Math.Clamp(limit ?? 200, 1, MaxRows))));
        api.MapGet("/metrics", (MetricCatalog metrics, string? service) => TypedResults.Ok(metrics.List(service)));
        return app;
    }

    private static Results<Ok<object>, NotFound<string>> GetTrace(string traceId, TraceStore traces, StructuredLogStore logs)
    {
        var id = traceId.ToLowerInvariant();
        var spans = traces.Get(id);
        if (spans.Count == 0)
        {
            return TypedResults.NotFound($"No trace {traceId} is held (it may not have arrived yet, or was evicted).");
        }

        return TypedResults.Ok<object>(new { waterfall = TraceWaterfall.Of(id, spans), logs = logs.Find(id, null, MaxRows) });
    }
}
