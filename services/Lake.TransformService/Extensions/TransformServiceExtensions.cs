using Amazon.DynamoDBv2;
using Lake.Configuration;
using Lake.Contracts;
using Lake.ServiceDefaults;
using Lake.Transform.Conversion;
using Lake.TransformService.Catalog;
using Lake.TransformService.Monitoring;
using Lake.TransformService.Queue;
using Lake.TransformService.Serving;
using Lake.TransformService.Uploads;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Extensions;

public static class TransformServiceExtensions
{
    /// <summary>Settings validated at start, the AWS clients, the contracts, the conversion and the queue worker.</summary>
    public static IHostApplicationBuilder AddTransformService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddOptions<TransformOptions>().BindConfiguration(TransformOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLakeResources();
        builder.Services.AddSingleton(sp => new UploadStatusStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<IOptions<LakeOptions>>().Value.StatusTable));

        // Loaded when the worker is built, at start: a bad contract stops the service with its file, line and column.
        builder.Services.AddSingleton(sp => ContractCatalog.Load(sp.GetRequiredService<IOptions<LakeOptions>>().Value.ContractsDirectory));
        builder.Services.AddSingleton(sp =>
        {
            var transform = sp.GetRequiredService<IOptions<TransformOptions>>().Value;
            return new CsvConversion(new DuckDbLimits(transform.MemoryLimit, transform.Threads));
        });

        builder.Services.AddSingleton<CatalogRegistrar>();
        builder.Services.AddSingleton<KeyFileCache>();
        builder.Services.AddSingleton<CuratedPublisher>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServingLoader>();
        builder.Services.AddSingleton<QueueAddresses>();
        builder.Services.AddSingleton<UploadReports>();
        builder.Services.AddSingleton<UploadTransformer>();
        builder.Services.AddSingleton<DatasetLocks>();
        builder.Services.AddSingleton<MessageProcessor>();
        builder.Services.AddHostedService<TransformWorker>();

        // The alarms of infra/alarms.yaml, evaluated here as CloudWatch evaluates them on AWS.
        builder.Services.AddOptions<AlarmOptions>().BindConfiguration(AlarmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeadLetterDepth>();
        builder.Services.AddHostedService<AlarmWorker>();
        builder.Services.AddHealthChecks().AddCheck<QueueHealthCheck>("transform-queue");
        return builder;
    }
}
