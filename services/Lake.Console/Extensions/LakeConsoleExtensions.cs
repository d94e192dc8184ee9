using Amazon.DynamoDBv2;
using Lake.Configuration;
using Lake.Console.Apis;
using Lake.Console.Infrastructure;
using Lake.Console.Pages;
using Lake.Console.Security;
using Lake.Console.Services;
using Lake.ServiceDefaults;
using Lake.Uploads;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Lake.Console;

public static class LakeConsoleExtensions
{
    /// <summary>No request to the console carries more: a login form, a SQL statement.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Registers the console: its settings (checked at start), the lake's names and AWS clients, the alerts inbox, authentication.</summary>
    public static IHostApplicationBuilder AddLakeConsole(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.QueryUrl = options.QueryUrl is { Length: > 0 } ? options.QueryUrl : configuration[ConsoleOptions.QueryServiceKey])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddLakeResources();

        services.AddSingleton(sp => new UploadStatusStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<IOptions<LakeOptions>>().Value.StatusTable));
        services.AddSingleton<LakeQueues>();
        services.AddSingleton<AlertInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertInbox>());
        services.AddSingleton<DeadLetterQueues>();
        services.AddSingleton<Redriver>();
        services.AddSingleton<QueryServiceClient>();
        services.AddSingleton<StaticAssets>();

        services.AddConsoleAuthentication();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // A body that cannot be read throws, so ProblemExceptionHandler says why in every environment.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// Maps the console: <c>/health</c>, <c>/alive</c>, <c>/login</c> and <c>/assets/*</c> are open; every page and
    /// API (and <c>/objects/*</c>) needs a key or the login cookie; every error is a problem without a stack trace.
    /// </summary>
    public static WebApplication MapLakeConsole(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCrossSiteProtection();

        app.MapDefaultEndpoints();
        app.MapLoginApi();
        app.MapConsoleAssets();

        var console = app.MapGroup("").RequireAuthorization();
        console.MapSessionApi();
        console.MapUploadsApi();
        console.MapObjectsApi();
        console.MapAlertsApi();
        console.MapDeadLettersApi();
        console.MapPipelineApi();
        console.MapQueryApi();
        console.MapConsolePages(app.Services.GetRequiredService<StaticAssets>());
        return app;
    }
}
