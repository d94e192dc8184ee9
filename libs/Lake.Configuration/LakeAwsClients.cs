using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.S3;
using Amazon.SQS;
using Lake.Aws;
using Lake.Aws.Glue;
using Lake.Aws.Sns;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Configuration;

/// <summary>
/// The clients of <see cref="AwsClientRegistration.AddLakeAwsClients"/> for a program without a container (the
/// provisioner, the validate function, tests): the same registration over a container of their own, so they read the
/// same settings (DESIGN §3) the same way. Created on first use, disposed with this.
/// </summary>
public sealed class LakeAwsClients : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="options">Region, endpoint and credentials; null leaves them to the standard AWS settings.</param>
    /// <exception cref="InvalidOperationException">No region is configured (<c>AWS_REGION</c>).</exception>
    public LakeAwsClients(AWSOptions? options = null)
    {
        Region = AwsEndpointResolver.FromProcessEnvironment.ResolveRegion(LakeAwsOptions.RegionOf(options));
        var services = new ServiceCollection();
        if (options is not null)
        {
            services.AddDefaultAWSOptions(options);
        }

        _services = services.AddLakeAwsClients().BuildServiceProvider();
    }

    /// <summary>The region the clients sign for.</summary>
    public string Region { get; }

    public IAmazonS3 S3 => _services.GetRequiredService<IAmazonS3>();

    public IAmazonDynamoDB DynamoDb => _services.GetRequiredService<IAmazonDynamoDB>();

    public IAmazonSQS Sqs => _services.GetRequiredService<IAmazonSQS>();

    public SnsClient Sns => _services.GetRequiredService<SnsClient>();

    public GlueClient Glue => _services.GetRequiredService<GlueClient>();

    public void Dispose() => _services.Dispose();
}
