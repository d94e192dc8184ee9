using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Lake.Aws.Glue;
using Lake.Aws.Sns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lake.Configuration;

/// <summary>
/// The AWS clients a Lake process uses, registered as AWSSDK.Extensions.NETCore.Setup registers them: S3, DynamoDB and
/// SQS with <c>AddAWSService</c>, Lake's own SNS and Glue clients (their SDK packages are not served, DESIGN §7) from
/// the same <see cref="AWSOptions"/>. Each is created on first use, credentials included.
/// </summary>
public static class AwsClientRegistration
{
    /// <summary>
    /// Registers the clients over the <see cref="AWSOptions"/> in the container (<c>AddDefaultAWSOptions</c>), else the
    /// configuration's <c>AWS</c> section, else nothing: then the SDK's own chains apply (<c>AWS_REGION</c>,
    /// <c>AWS_ENDPOINT_URL</c>, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, the credential chain), as on AWS. S3 uses
    /// path-style addressing whenever its endpoint is overridden (an emulator answers on one host name).
    /// </summary>
    public static IServiceCollection AddLakeAwsClients(this IServiceCollection services)
    {
        services.TryAddAWSService<IAmazonS3>(UsePathStyleForAnEndpointOverride);
        services.TryAddAWSService<IAmazonDynamoDB>();
        services.TryAddAWSService<IAmazonSQS>();
        services.TryAddSingleton(sp => new SnsClient(LakeAwsOptions.ForLakeClients(OptionsIn(sp))));
        services.TryAddSingleton(sp => new GlueClient(LakeAwsOptions.ForLakeClients(OptionsIn(sp))));
        return services;
    }

    /// <summary>Where the SDK's client factory looks for options, in its order.</summary>
    private static AWSOptions? OptionsIn(IServiceProvider services) =>
        services.GetService<AWSOptions>() ?? services.GetService<IConfiguration>()?.GetAWSOptions();

    private static void UsePathStyleForAnEndpointOverride(ClientConfig config, IServiceProvider services)
    {
        // Virtual-hosted bucket names (bucket.localhost) would need DNS an emulator lacks. The config handed here must
        // not be asked for its ServiceURL: reading it before the client is built loses the AWS_ENDPOINT_URL* value
        // (AWSSDK.Core 4.1.1), so a fresh config answers whether the SDK will use an overridden endpoint.
        if (config is AmazonS3Config s3
            && (OptionsIn(services)?.DefaultClientConfig.ServiceURL is not null || new AmazonS3Config().ServiceURL is not null))
        {
            s3.ForcePathStyle = true;
        }
    }
}
