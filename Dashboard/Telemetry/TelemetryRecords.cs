namespace Lake.Dashboard.Telemetry;

/// <summary>One span as received over OTLP, ids in lower-case hex.</summary>
/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Kind"><c>Internal</c>, <c>Server</c>, <c>Client</c>, <c>Producer</c>, <c>Consumer</c>.</param>
/// <param name="Status"><c>Unset</c>, <c>Ok</c> or <c>Error</c>.</param>
public sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Service,
    string Scope,
    string Kind,
    DateTimeOffset Start,
    double DurationMs,
    string Status,
    string? StatusMessage,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanEventRecord> Events);

public sealed record SpanEventRecord(string Name, DateTimeOffset At, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One structured log record as received over OTLP.</summary>
public sealed record LogRecordView(
    DateTimeOffset Time,
    string Service,
    string Severity,
    string Body,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>The latest value of one metric of one service.</summary>
/// <param name="Kind"><c>Gauge</c>, <c>Sum</c> or <c>Histogram</c>.</param>
/// <param name="Value">The last data point's value (a histogram's: its count); null when it had none.</param>
public sealed record MetricView(string Service, string Name, string Unit, string Description, string Kind, double? Value, DateTimeOffset At);
