using Lake.Configuration;
using Lake.QueryService.Apis;
using Lake.QueryService.Athena;
using Lake.QueryService.Cache;
using Lake.QueryService.Catalog;
using Lake.QueryService.Sandbox;
using Lake.ServiceDefaults;

namespace Lake.QueryService;

public static class QueryServiceExtensions
{
    public static IHostApplicationBuilder AddQueryService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddOptions<QueryOptions>().BindConfiguration(QueryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLakeResources();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CacheDirectory>();
        builder.Services.AddSingleton<SandboxedDatabase>();
        builder.Services.AddSingleton<CatalogReader>();
        builder.Services.AddSingleton<CuratedObjects>();
        builder.Services.AddSingleton<CacheSweeper>();
        builder.Services.AddSingleton<LakeCache>();
        builder.Services.AddSingleton<QueryRunner>();
        builder.Services.AddProblemDetails();
        builder.AddAthenaApi();
        return builder;
    }

    public static WebApplication MapQueryService(this WebApplication app)
    {
        // The sandbox opens (and the cache directory is claimed) at start, so a bad setting stops the launch.
        app.Services.GetRequiredService<SandboxedDatabase>();
        app.MapDefaultEndpoints();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAthenaApi();
        app.MapQueryApi();
        app.MapTablesApi();
        return app;
    }
}
