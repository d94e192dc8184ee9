using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Lake.ServiceDefaults;

/// <summary>The one call each service makes, shaped like Aspire's ServiceDefaults.</summary>
public static class Extensions
{
    private const string LiveTag = "live";

    /// <summary>Health checks and telemetry: everything a worker needs (HTTP services add <see cref="MapDefaultEndpoints"/>).</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddLakeTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: every check passes (ready). <c>/alive</c>: the process answers (live). Also names each
    /// request's span by its route.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.Use(RequestActivityEnricher.EnrichAsync);
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }
}
