using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Lake.Configuration;
using Lake.Dashboard.Alerts;
using Lake.Dashboard.Aws;
using Lake.Dashboard.DeadLetters;
using Lake.Dashboard.Pages;
using Lake.Dashboard.Resources;
using Lake.Dashboard.Telemetry;
using Lake.ServiceDefaults;
using Lake.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Dashboard.Hosting;

internal static class DashboardServices
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder, DashboardOptions options, IResourceFeed resources)
    {
        builder.AddServiceDefaults();
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddSingleton(options);
        services.AddSingleton(resources);
        services.AddSingleton<StaticAssets>();

        if (options.Aws is not null)
        {
            services.AddDefaultAWSOptions(options.Aws);
        }

        services.AddLakeAwsClients();
        services.AddSingleton(sp => new UploadStatusStore(sp.GetRequiredService<IAmazonDynamoDB>(), options.Lake.StatusTable));
        services.AddSingleton<QueueDirectory>();

        services.AddSingleton<TraceStore>();
        services.AddSingleton<StructuredLogStore>();
        services.AddSingleton<MetricCatalog>();

        services.AddSingleton<AlertInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertInbox>());
        services.AddSingleton<DeadLetterQueues>();
        services.AddSingleton<Redriver>();
        return builder;
    }
}
