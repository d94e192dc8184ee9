using Amazon.DynamoDBv2;
using Lake.Configuration;
using Lake.Contracts;
using Lake.IngestApi.Datasets;
using Lake.IngestApi.Apis;
using Lake.IngestApi.Uploads;
using Lake.ServiceDefaults;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.IngestApi;

public static class IngestApiExtensions
{
    /// <summary>Registers the API, its options (validated at start) and the dataset catalog from the contracts.</summary>
    public static IHostApplicationBuilder AddIngestApi(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLakeResources();
        builder.Services.AddSingleton(sp => new UploadStatusStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<IOptions<LakeOptions>>().Value.StatusTable));
        builder.Services.AddSingleton<IDatasetCatalog>(sp =>
            new ContractDatasetCatalog(ContractCatalog.Load(sp.GetRequiredService<IOptions<LakeOptions>>().Value.ContractsDirectory)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UploadIssuer>();
        builder.Services.AddApiKeyAuthentication<IngestOptions>(ingest => ingest.ApiKeys);
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapIngestEndpoints(this WebApplication app)
    {
        // Contracts load at start, so a malformed one stops the service with its file, line and column.
        _ = app.Services.GetRequiredService<IDatasetCatalog>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapOpenApi();
        app.MapIngestApi();
        return app;
    }
}
