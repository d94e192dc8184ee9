using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lake.Lambda.Telemetry;

/// <summary>
/// Traces and metrics for a function process, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter
/// reads the standard <c>OTEL_*</c> variables). A function is not a host: it flushes after each invocation, because
/// Lambda may freeze the process between invocations (what the ADOT layer does too).
/// </summary>
public sealed class FunctionTelemetry : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    private FunctionTelemetry(TracerProvider tracing, MeterProvider metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    /// <summary>Listens to every <c>Lake.*</c> activity source (the function's own and the AWS clients') and meter.</summary>
    public static FunctionTelemetry Start(string serviceName)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource("Lake.*");
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddMeter("Lake.*");
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        return new FunctionTelemetry(tracing.Build(), metrics.Build());
    }

    public void Flush()
    {
        _tracing.ForceFlush(5000);
        _metrics.ForceFlush(5000);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _tracing.Dispose();
    }
}
