namespace Lake.AppHost.Lifecycle;

internal static class ProjectDefaults
{
    /// <summary>
    /// What every project resource gets. No HTTPS certificate: every endpoint is http, and Aspire 13.6 gives each
    /// project a certificate callback, so without a trusted dev certificate it would warn in the log and put a red
    /// "No trusted development certificate" banner in the dashboard. A short OTLP export timeout: a service stopping
    /// after the dashboard has gone would otherwise wait ~10 s on its last export (DESIGN §7); the function inherits
    /// it from the Lambda emulator.
    /// </summary>
    public static IDistributedApplicationBuilder AddProjectDefaults(this IDistributedApplicationBuilder builder, TimeSpan otlpTimeout)
    {
        var timeout = ((int)otlpTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var project in e.Model.Resources.OfType<ProjectResource>())
            {
#pragma warning disable ASPIRECERTIFICATES001 // evaluation API in 13.6; the only way to say "this project serves no https"
                builder.CreateResourceBuilder(project)
                    .WithoutHttpsCertificate()
#pragma warning restore ASPIRECERTIFICATES001
                    .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", timeout);
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
