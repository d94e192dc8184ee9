using Lake.Aws.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lake.ServiceDefaults;

/// <summary>
/// OpenTelemetry for a Lake process: ASP.NET Core requests, HttpClient calls, AWS SDK calls and Lake's own
/// <c>Lake.*</c> activity sources and meters, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c> as everywhere
/// in OpenTelemetry). Health probes and idle queue polls are not traced.
/// </summary>
public static class Telemetry
{
    /// <summary>Every Lake activity source and meter starts with this, e.g. <c>Lake.Aws</c>, <c>Lake.Transform</c>.</summary>
    public const string LakePrefix = "Lake.";

    public static TBuilder AddLakeTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        AwsSdkTracing.Enable();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .SetSampler(IdlePollSampler.ForRoots())
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = IsNotAProbe)
                .AddHttpClientInstrumentation()
                .AddSource(LakePrefix + "*"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime", LakePrefix + "*"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Leaves requests matching <paramref name="untraced"/> out of the traces, as health probes are: long polls whose
    /// span would only measure waiting (a function process asking the Lambda emulator for its next invocation).
    /// </summary>
    public static TBuilder ExcludeRequestsFromTracing<TBuilder>(this TBuilder builder, Func<HttpContext, bool> untraced)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(options =>
        {
            var traced = options.Filter;
            options.Filter = context => !untraced(context) && (traced?.Invoke(context) ?? true);
        });
        return builder;
    }

    private static bool IsNotAProbe(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(Extensions.HealthPath) && !context.Request.Path.StartsWithSegments(Extensions.AlivePath);
}
