using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lake.Lambda.Telemetry;

/// <summary>
/// Traces for a function process, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter
/// reads the standard <c>OTEL_*</c> variables). A function is not a host: it flushes after each invocation, because
/// Lambda may freeze the process between invocations (what the ADOT layer does too).
/// </summary>
public sealed class FunctionTelemetry : IDisposable
{
    private readonly TracerProvider _tracing;

    private FunctionTelemetry(TracerProvider tracing) => _tracing = tracing;

    /// <summary>Listens to every <c>Lake.*</c> activity source (the function's own and the AWS clients').</summary>
    public static FunctionTelemetry Start(string serviceName)
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource("Lake.*");
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            builder.AddOtlpExporter();
        }

        return new FunctionTelemetry(builder.Build());
    }

    public void Flush() => _tracing.ForceFlush(5000);

    public void Dispose() => _tracing.Dispose();
}
