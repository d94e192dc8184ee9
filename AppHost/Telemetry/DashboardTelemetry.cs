using Lake.AppHost.Hosting;
using Lake.AppHost.References;

namespace Lake.AppHost.Telemetry;

/// <summary>The dashboard's address and the OTLP receiver every service exports to.</summary>
internal sealed class DashboardTelemetry(Uri dashboard, Uri otlp) : IResourceReference
{
    private readonly OtlpTarget _otlp = new(otlp);

    /// <summary>Where the dashboard listens (and, by default, receives OTLP).</summary>
    public Uri Dashboard { get; } = dashboard;

    public Uri Otlp => _otlp.Endpoint;

    public LakeResource? Resource => null;

    public void ApplyTo(LakeResource target, IDictionary<string, string?> environment) => _otlp.ApplyTo(target, environment);
}

internal static class DashboardTelemetryExtensions
{
    /// <summary>Reserves the dashboard's port; telemetry goes to it unless <c>AppHost:OtlpEndpoint</c> names another receiver.</summary>
    public static DashboardTelemetry AddDashboardTelemetry(this LakeAppBuilder builder)
    {
        var port = builder.Ports.Reserve(builder.Options.Ports.Dashboard, "AppHost:Ports:Dashboard", "the dashboard");
        var dashboard = new Uri($"http://127.0.0.1:{port}");
        var configured = builder.Options.OtlpEndpoint;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new DashboardTelemetry(dashboard, dashboard);
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var otlp) && otlp.Scheme is "http" or "https"
            ? new DashboardTelemetry(dashboard, otlp)
            : throw new InvalidOperationException($"AppHost:OtlpEndpoint '{configured}' is not an absolute http(s) URL.");
    }
}
