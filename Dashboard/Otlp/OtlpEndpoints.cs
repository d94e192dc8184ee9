using System.Diagnostics;
using Google.Protobuf;
using Lake.Dashboard.Otlp.Proto;
using Lake.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Otlp;

/// <summary>The OTLP/HTTP receiver: <c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>, as an OpenTelemetry collector serves them.</summary>
internal static class OtlpEndpoints
{
    public static IEndpointRouteBuilder MapOtlpReceiver(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/traces", (HttpContext context, TraceStore traces) =>
            ReceiveAsync(context, ExportTraceServiceRequest.Parser, request => traces.Add(OtlpDecoder.Spans(request))));
        app.MapPost("/v1/logs", (HttpContext context, StructuredLogStore logs) =>
            ReceiveAsync(context, ExportLogsServiceRequest.Parser, request => logs.Add(OtlpDecoder.Logs(request))));
        app.MapPost("/v1/metrics", (HttpContext context, MetricCatalog metrics) =>
            ReceiveAsync(context, ExportMetricsServiceRequest.Parser, request => metrics.Add(OtlpDecoder.Metrics(request))));
        return app;
    }

    private static async Task<IResult> ReceiveAsync<T>(HttpContext context, MessageParser<T> parser, Action<T> store)
        where T : IMessage<T>, new()
    {
        // An exporter's own request is not a trace worth showing: it would only drown the lake's.
        if (Activity.Current is { } activity)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        try
        {
            store(await OtlpRequestReader.ReadAsync(context.Request, parser, context.RequestAborted));
        }
        catch (OtlpRequestException ex)
        {
            return Results.Text(ex.Message, "text/plain", statusCode: ex.StatusCode);
        }

        // An empty Export*ServiceResponse: everything was accepted (no partial_success).
        return OtlpRequestReader.IsJson(context.Request)
            ? Results.Text("{}", OtlpRequestReader.JsonContentType)
            : Results.Bytes([], OtlpRequestReader.ProtobufContentType);
    }
}
