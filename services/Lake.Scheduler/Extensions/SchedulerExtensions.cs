using Lake.Configuration;
using Lake.Contracts;
using Lake.Scheduler.Schedules;
using Lake.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Lake.Scheduler;

public static class SchedulerExtensions
{
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.SectionName);
        builder.Services.AddSingleton(sp => new ScheduleBook(ContractCatalog.Load(sp.GetRequiredService<IOptions<LakeOptions>>().Value.ContractsDirectory)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient<FunctionInvoker>(http => http.Timeout = TimeSpan.FromMinutes(15));
        builder.Services.AddHostedService<ScheduleWorker>();
        builder.Services.AddApiKeyAuthentication<SchedulerOptions>(scheduler => scheduler.ApiKeys);
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapScheduler(this WebApplication app)
    {
        // Contracts load at start, so a malformed one stops the service with its file, line and column.
        _ = app.Services.GetRequiredService<ScheduleBook>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapSchedulesApi();
        return app;
    }
}
