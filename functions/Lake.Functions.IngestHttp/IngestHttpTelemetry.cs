using System.Diagnostics.Metrics;

namespace Lake.Functions.IngestHttp;

/// <summary>The function's metrics (its spans are <c>Lake.IngestHttp</c>'s); the function's telemetry exports every <c>Lake.*</c> meter.</summary>
internal static class IngestHttpTelemetry
{
    private static readonly Meter Meter = new("Lake.IngestHttp");

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("lake.ingest_http.runs", "{run}", "Scheduled runs, by outcome (ingested, already-ingested, empty, failed) and dataset.");
}
