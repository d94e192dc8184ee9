using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using DotNet.Testcontainers.Builders;
using Lake.Configuration;
using Testcontainers.LocalStack;

namespace Lake.LocalStack.Tests;

/// <summary>
/// LocalStack in a throwaway container (Testcontainers.LocalStack), for one test: what <c>--mode localstack</c> runs
/// the lake against. Where no container engine answers, or LocalStack has no auth token, starting it skips the test
/// and says why.
/// </summary>
internal sealed class LocalStackEmulator : IAsyncDisposable
{
    /// <summary>The AppHost's default LocalStack image (<c>AppHost:LocalStackImage</c>).</summary>
    public const string Image = "localstack/localstack:4.10";

    private const string AuthToken = "LOCALSTACK_AUTH_TOKEN";
    private const string Region = "us-east-1";
    private const string AccessKey = "test";
    private readonly LocalStackContainer _container;

    private LocalStackEmulator(LocalStackContainer container)
    {
        _container = container;
        Endpoint = new Uri(container.GetConnectionString());
    }

    public Uri Endpoint { get; }

    /// <summary>The environment a Lake process needs to use this LocalStack (DESIGN §3).</summary>
    public IReadOnlyDictionary<string, string> AwsEnvironment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
    };

    /// <summary>Every AWS client (the SDK's and Lake's) pointed at this LocalStack.</summary>
    public AWSOptions AwsOptions => LakeAwsOptions.ForEndpoint(Region, Endpoint, new BasicAWSCredentials(AccessKey, AccessKey));

    /// <exception cref="SkipException">No container engine answers, or <c>LOCALSTACK_AUTH_TOKEN</c> is not set.</exception>
    public static async Task<LocalStackEmulator> StartAsync()
    {
        var token = Environment.GetEnvironmentVariable(AuthToken);
        LocalStackContainer container;
        try
        {
            container = new LocalStackBuilder(Image).WithEnvironment(AuthToken, token ?? "").Build();
        }
        catch (DockerUnavailableException ex)
        {
            throw new SkipException($"No container engine answers, so LocalStack cannot start here: {OneLine(ex.Message)}");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            await container.DisposeAsync();
            throw new SkipException(
                $"{AuthToken} is not set: {Image} needs it, and the Glue Data Catalog the lake uses needs a LocalStack licence that has it.");
        }

        await container.StartAsync();
        return new LocalStackEmulator(container);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private static string OneLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
