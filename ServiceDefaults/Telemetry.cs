using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lake.ServiceDefaults;

/// <summary>
/// OpenTelemetry for a Lake process: ASP.NET Core, HttpClient and Lake's own activity sources and meters,
/// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (OTEL_SERVICE_NAME and
/// OTEL_RESOURCE_ATTRIBUTES name the resource, as everywhere in OpenTelemetry).
/// </summary>
public static class Telemetry
{
    /// <summary>Every Lake activity source and meter starts with this, e.g. <c>Lake.Aws</c>, <c>Lake.Transform</c>.</summary>
    public const string LakePrefix = "Lake.";

    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", LakePrefix + "*"];
    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime", LakePrefix + "*"];

    public static TBuilder AddLakeTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        void Describe(ResourceBuilder resource) => resource.AddService(serviceName);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName));
            if (exporting)
            {
                logging.AddOtlpExporter();
            }
        });

        // OpenTelemetry.Extensions.Hosting is not in this registry: the providers are built here, started by a
        // hosted service, and disposed (flushing what is buffered) by the container at shutdown.
        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder().ConfigureResource(Describe).AddSource(Sources);
            return (exporting ? tracing.AddOtlpExporter() : tracing).Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder().ConfigureResource(Describe).AddMeter(Meters);
            return (exporting ? metrics.AddOtlpExporter() : metrics).Build();
        });
        builder.Services.AddHostedService<TelemetryStarter>();
        return builder;
    }

    private sealed class TelemetryStarter(TracerProvider tracing, MeterProvider metrics) : IHostedService
    {
        // Resolving the providers is what starts them listening.
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(5000);
            metrics.ForceFlush(5000);
            return Task.CompletedTask;
        }
    }
}
