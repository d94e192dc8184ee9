using Lake.Dashboard.Otlp.Proto;
using Lake.Dashboard.Telemetry;

namespace Lake.Dashboard.Otlp;

/// <summary>OTLP export requests turned into the dashboard's records.</summary>
internal static class OtlpDecoder
{
    public static IEnumerable<SpanRecord> Spans(ExportTraceServiceRequest request) =>
        from resource in request.ResourceSpans
        let service = OtlpValues.ServiceName(resource.Resource)
        from scope in resource.ScopeSpans
        from span in scope.Spans
        let traceId = OtlpValues.Id(span.TraceId)
        where traceId is not null && OtlpValues.Id(span.SpanId) is not null
        select new SpanRecord(
            traceId,
            OtlpValues.Id(span.SpanId)!,
            OtlpValues.Id(span.ParentSpanId),
            span.Name,
            service,
            scope.Scope?.Name ?? "",
            Kind(span.Kind),
            OtlpValues.Time(span.StartTimeUnixNano),
            span.EndTimeUnixNano >= span.StartTimeUnixNano ? (span.EndTimeUnixNano - span.StartTimeUnixNano) / 1e6 : 0,
            Status(span.Status),
            string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
            OtlpValues.Attributes(span.Attributes),
            [.. span.Events.Select(e => new SpanEventRecord(e.Name, OtlpValues.Time(e.TimeUnixNano), OtlpValues.Attributes(e.Attributes)))]);

    public static IEnumerable<LogRecordView> Logs(ExportLogsServiceRequest request) =>
        from resource in request.ResourceLogs
        let service = OtlpValues.ServiceName(resource.Resource)
        from scope in resource.ScopeLogs
        from log in scope.LogRecords
        select new LogRecordView(
            OtlpValues.Time(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano),
            service,
            Severity(log),
            log.Body is null ? "" : OtlpValues.Text(log.Body),
            OtlpValues.Id(log.TraceId),
            OtlpValues.Id(log.SpanId),
            OtlpValues.Attributes(log.Attributes));

    public static IEnumerable<MetricView> Metrics(ExportMetricsServiceRequest request) =>
        from resource in request.ResourceMetrics
        let service = OtlpValues.ServiceName(resource.Resource)
        from scope in resource.ScopeMetrics
        from metric in scope.Metrics
        let latest = Latest(metric)
        select new MetricView(service, metric.Name, metric.Unit, metric.Description, metric.DataCase.ToString(), latest.Value, latest.At);

    private static (double? Value, DateTimeOffset At) Latest(Metric metric)
    {
        var points = metric.DataCase switch
        {
            Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(p => (p.TimeUnixNano, Value: (double?)Number(p))),
            Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(p => (p.TimeUnixNano, Value: (double?)Number(p))),
            Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => (p.TimeUnixNano, Value: (double?)p.Count)),
            _ => [],
        };

        // Data points of one metric differ by attributes; a sum over them is the total a person expects.
        var list = points.ToList();
        return list.Count == 0
            ? (null, DateTimeOffset.UtcNow)
            : (list.Sum(p => p.Value), OtlpValues.Time(list.Max(p => p.TimeUnixNano)));
    }

    private static double Number(NumberDataPoint point) =>
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    private static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Internal",
    };

    private static string Status(Proto.Status? status) => status?.Code switch
    {
        Proto.Status.Types.StatusCode.Error => "Error",
        Proto.Status.Types.StatusCode.Ok => "Ok",
        _ => "Unset",
    };

    /// <summary>The severity text when the SDK sent one, else the name of the severity number's range (OTLP logs data model).</summary>
    private static string Severity(LogRecord log) => !string.IsNullOrEmpty(log.SeverityText) ? log.SeverityText : log.SeverityNumber switch
    {
        >= 21 => "Fatal",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "Unspecified",
    };
}
