using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Lake.Aws;
using Lake.Aws.Glue;
using Lake.Aws.Sns;
using Lake.Aws.Sqs;

namespace Lake.Configuration;

/// <summary>
/// The five AWS clients a Lake process uses, all from the same standard settings (DESIGN §3):
/// <c>AWS_REGION</c>, the SDK credential chain, <c>AWS_ENDPOINT_URL</c> and <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
/// unless <see cref="AwsClientOptions"/> names them. Clients are created on first use and are thread-safe.
/// </summary>
public sealed class LakeAwsClients : IDisposable
{
    private readonly AwsClientOptions _options;
    private readonly Lazy<IAmazonS3> _s3;
    private readonly Lazy<IAmazonDynamoDB> _dynamo;
    private readonly Lazy<SqsClient> _sqs;
    private readonly Lazy<SnsClient> _sns;
    private readonly Lazy<GlueClient> _glue;

    public LakeAwsClients(AwsClientOptions? options = null, HttpClient? httpClient = null)
    {
        _options = options ?? new AwsClientOptions();
        Region = AwsEndpointResolver.FromProcessEnvironment.ResolveRegion(_options.Region);
        _s3 = new(() => CreateS3());
        _dynamo = new(() => CreateDynamoDb());
        _sqs = new(() => new SqsClient(_options, httpClient));
        _sns = new(() => new SnsClient(_options, httpClient));
        _glue = new(() => new GlueClient(_options, httpClient));
    }

    public string Region { get; }

    public IAmazonS3 S3 => _s3.Value;

    public IAmazonDynamoDB DynamoDb => _dynamo.Value;

    public SqsClient Sqs => _sqs.Value;

    public SnsClient Sns => _sns.Value;

    public GlueClient Glue => _glue.Value;

    private IAmazonS3 CreateS3()
    {
        var config = new AmazonS3Config();
        if (Configure(config, AwsService.S3))
        {
            // Emulators answer on one host name; virtual-hosted bucket names would need DNS they lack.
            config.ForcePathStyle = true;
        }

        return _options.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    private IAmazonDynamoDB CreateDynamoDb()
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, AwsService.DynamoDb);
        return _options.Credentials is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    /// <summary>Applies region and endpoint; true when the endpoint is overridden (an emulator, usually).</summary>
    private bool Configure(ClientConfig config, AwsService service)
    {
        // Without an override the SDK's own endpoint rules apply (FIPS, dual-stack, S3's specifics).
        var endpoint = AwsEndpointResolver.FromProcessEnvironment.ResolveEndpointOverride(service, _options.ServiceUrl);
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
            return false;
        }

        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = Region;
        return true;
    }

    public void Dispose()
    {
        foreach (var client in new object?[]
        {
            _s3.IsValueCreated ? _s3.Value : null, _dynamo.IsValueCreated ? _dynamo.Value : null,
            _sqs.IsValueCreated ? _sqs.Value : null, _sns.IsValueCreated ? _sns.Value : null,
            _glue.IsValueCreated ? _glue.Value : null,
        })
        {
            (client as IDisposable)?.Dispose();
        }
    }
}
