using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Lake.Aws.Glue;
using Lake.Aws.Sns;
using Lake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Configuration.Tests;

/// <summary>
/// The five clients from the standard AWS settings alone (DESIGN §3), registered the SDK's way, in a container and
/// without one; and pointed elsewhere by registering other <c>AWSOptions</c>, as the tests and the console do.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AwsClientRegistrationTests(EmulatorFixture emulator)
{
    /// <summary>Nothing listens there: a client that goes to it fails.</summary>
    private const string Nowhere = "http://127.0.0.1:9";

    [Fact]
    public async Task ClientsWithoutOptionsTakeRegionServiceEndpointsAndCredentialsFromTheEnvironment()
    {
        using var environment = new ProcessEnvironment(Settings(perService: true));
        using var clients = new LakeAwsClients();

        Assert.Equal(EmulatorFixture.Region, clients.Region);
        await AssertEveryClientReachesTheEmulatorAsync(clients.S3, clients.DynamoDb, clients.Sqs, clients.Sns, clients.Glue);
    }

    [Fact]
    public async Task AServicesContainerRegistersTheSameClientsFromTheSameSettings()
    {
        using var environment = new ProcessEnvironment(Settings(perService: false));
        await using var services = Container(new ServiceCollection());

        await AssertEveryClientReachesTheEmulatorAsync(
            services.GetRequiredService<IAmazonS3>(), services.GetRequiredService<IAmazonDynamoDB>(), services.GetRequiredService<IAmazonSQS>(),
            services.GetRequiredService<SnsClient>(), services.GetRequiredService<GlueClient>());
    }

    [Fact]
    public async Task RegisteredAwsOptionsPointEveryClientElsewhere()
    {
        using var environment = new ProcessEnvironment(new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL"] = Nowhere,
        });
        var registrations = new ServiceCollection();
        registrations.AddDefaultAWSOptions(emulator.AwsOptions);
        await using var services = Container(registrations);

        await AssertEveryClientReachesTheEmulatorAsync(
            services.GetRequiredService<IAmazonS3>(), services.GetRequiredService<IAmazonDynamoDB>(), services.GetRequiredService<IAmazonSQS>(),
            services.GetRequiredService<SnsClient>(), services.GetRequiredService<GlueClient>());
    }

    [Fact]
    public void S3AddressesBucketsByPathOnlyWhenItsEndpointIsOverridden()
    {
        var credentials = new Dictionary<string, string>
        {
            ["AWS_REGION"] = EmulatorFixture.Region,
            ["AWS_ACCESS_KEY_ID"] = EmulatorFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = EmulatorFixture.SecretKey,
        };
        bool PathStyle(IReadOnlyDictionary<string, string> variables)
        {
            using var environment = new ProcessEnvironment(variables);
            using var clients = new LakeAwsClients();
            return ((AmazonS3Config)clients.S3.Config).ForcePathStyle;
        }

        Assert.False(PathStyle(credentials));
        Assert.True(PathStyle(new Dictionary<string, string>(credentials) { ["AWS_ENDPOINT_URL"] = Nowhere }));
        Assert.True(PathStyle(new Dictionary<string, string>(credentials) { ["AWS_ENDPOINT_URL_S3"] = Nowhere }));
        Assert.False(PathStyle(new Dictionary<string, string>(credentials) { ["AWS_ENDPOINT_URL_SQS"] = Nowhere }));
    }

    [Fact]
    public async Task RegisteringResolvesNothingAMissingRegionIsReportedWhenAClientIsFirstNeeded()
    {
        using var environment = new ProcessEnvironment(new Dictionary<string, string>());
        await using var services = Container(new ServiceCollection());

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<SnsClient>());

        Assert.Contains("AWS_REGION", error.Message);
    }

    /// <summary>The environment a Lake process gets for the emulator; per service, or one endpoint for all.</summary>
    private Dictionary<string, string> Settings(bool perService)
    {
        var settings = new Dictionary<string, string>(emulator.AwsEnvironment);
        if (perService)
        {
            // The service variables win over the general one, which leads nowhere. S3's host is a name, not an IP,
            // so bucket-in-host addressing would fail: path style must be on.
            settings["AWS_ENDPOINT_URL"] = Nowhere;
            settings["AWS_ENDPOINT_URL_S3"] = $"http://localhost:{emulator.Endpoint.Port}";
            foreach (var service in new[] { "SQS", "DYNAMODB", "SNS", "GLUE" })
            {
                settings[$"AWS_ENDPOINT_URL_{service}"] = emulator.Endpoint.ToString();
            }
        }

        return settings;
    }

    /// <summary>A container as a Lake service builds one: configuration from the environment, then the lake's resources.</summary>
    private static ServiceProvider Container(ServiceCollection registrations)
    {
        registrations.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        return registrations.AddLakeResources().BuildServiceProvider();
    }

    private async Task AssertEveryClientReachesTheEmulatorAsync(IAmazonS3 s3, IAmazonDynamoDB dynamo, IAmazonSQS sqs, SnsClient sns, GlueClient glue)
    {
        var name = TestNames.Unique("registered");
        await s3.PutBucketAsync(name);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = "k.txt", ContentBody = "body" });
        var queueUrl = (await sqs.CreateQueueAsync(name)).QueueUrl;
        var topicArn = (await sns.CreateTopicAsync(new CreateTopicRequest { Name = name })).TopicArn;
        await glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new() { Name = name.Replace('-', '_') } });
        await dynamo.ListTablesAsync();

        Assert.StartsWith($"http://{emulator.Endpoint.Authority}/", queueUrl.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Assert.StartsWith($"arn:aws:sns:{EmulatorFixture.Region}:", topicArn);
        Assert.Equal("body", await emulator.Cli.RunRawAsync("s3", "cp", $"s3://{name}/k.txt", "-"));
    }
}
