using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Lake.AwsEmulator;
using Lake.Configuration;
using Xunit;

namespace Lake.Testing;

/// <summary>
/// One emulator per test collection: the one the AppHost runs (<see cref="RepoPaths.EmulatorLauncher"/>, moto behind
/// a SigV4 gate, accepting <see cref="AccessKey"/>/<see cref="SecretKey"/>), or <c>LAKE_MOTO_SERVER</c> when set. Tests isolate themselves with <see cref="TestNames.Unique"/>
/// prefixes instead of restarting it. Each test assembly declares a collection over this fixture
/// (xunit needs the definition in the assembly), named <see cref="CollectionName"/>.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string CollectionName = "emulator";
    public const string Region = "us-east-1";
    public const string AccessKey = "test";
    public const string SecretKey = "test";

    /// <summary>moto's default account id; ARNs it returns carry it.</summary>
    public const string AccountId = "123456789012";

    private MotoServer? _server;

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("The emulator has not started.");

    public MotoServer Server => _server ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>The AWS CLI pointed at this emulator.</summary>
    public AwsCli Cli => new(Endpoint, Region, AccessKey, SecretKey);

    /// <summary>Every AWS client (the SDK's and Lake's) pointed at this emulator.</summary>
    public AWSOptions AwsOptions => LakeAwsOptions.ForEndpoint(Region, Endpoint, new BasicAWSCredentials(AccessKey, SecretKey));

    /// <summary>The environment a Lake process needs to talk to this emulator (DESIGN §3).</summary>
    public IReadOnlyDictionary<string, string> AwsEnvironment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
    };

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync(new MotoServerOptions
    {
        Executable = Environment.GetEnvironmentVariable("LAKE_MOTO_SERVER") is { Length: > 0 } configured ? configured : RepoPaths.EmulatorLauncher,
    });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
