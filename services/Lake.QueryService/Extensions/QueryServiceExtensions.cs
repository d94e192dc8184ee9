using Lake.Configuration;
using Lake.Contracts;
using Lake.QueryService.Apis;
using Lake.QueryService.Athena;
using Lake.QueryService.Cache;
using Lake.QueryService.Catalog;
using Lake.QueryService.Sandbox;
using Lake.QueryService.Security;
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
        builder.Services.AddSingleton<QueryLanes>();
        builder.Services.AddQueryApiKeys();

        // Loaded at start: a bad contract stops the service with its file, line and column.
        builder.Services.AddSingleton(sp => ContractCatalog.Load(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LakeOptions>>().Value.ContractsDirectory));
        builder.Services.AddProblemDetails();
        builder.AddAthenaApi();
        return builder;
    }

    public static WebApplication MapQueryService(this WebApplication app)
    {
        // The sandbox opens (and the cache directory is claimed) at start, so a bad setting stops the launch.
        app.Services.GetRequiredService<SandboxedDatabase>();
        // Problem details without exception details in every environment (Development's page shows the stack and headers).
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Services.GetRequiredService<ContractCatalog>();
        app.MapDefaultEndpoints();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAthenaApi();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapQueryApi();
        app.MapTablesApi();
        app.MapServingApi();
        return app;
    }
}
