namespace Lake.AppHost.Lifecycle;

internal static class ServiceTelemetry
{
    /// <summary>
    /// Every project exports with a short OTLP timeout: a service stopping after the dashboard has gone would otherwise
    /// wait ~10 s on its last export (DESIGN §7). The function inherits it from the Lambda emulator.
    /// </summary>
    public static IDistributedApplicationBuilder AddShortOtlpTimeout(this IDistributedApplicationBuilder builder, TimeSpan timeout)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var project in e.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(variables =>
                    variables["OTEL_EXPORTER_OTLP_TIMEOUT"] = ((int)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
