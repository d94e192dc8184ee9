using Lake.AppHost.Hosting;

namespace Lake.AppHost.References;

/// <summary>
/// Telemetry over OTLP/HTTP to the dashboard (or <c>AppHost:OtlpEndpoint</c>), each resource named by its own name,
/// as Aspire wires <c>OTEL_*</c> for its resources.
/// </summary>
internal sealed class OtlpTarget(Uri endpoint) : IResourceReference
{
    public Uri Endpoint { get; } = endpoint;

    public LakeResource? Resource => null;

    public void ApplyTo(LakeResource target, IDictionary<string, string?> environment)
    {
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/');
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_SERVICE_NAME"] = target.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = "service.namespace=lake";
    }
}
