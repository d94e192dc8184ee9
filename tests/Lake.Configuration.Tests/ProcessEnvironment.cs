using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Lake.Configuration.Tests;

/// <summary>
/// Sets process environment variables (null unsets one) until disposed, then restores them. The variables are
/// process-wide: tests using this run in the emulator collection, one at a time. The AWS SDK keeps the region and
/// settings it read from the environment for the life of the process; those caches are dropped with each change.
/// </summary>
internal sealed class ProcessEnvironment : IDisposable
{
    /// <summary>Every variable the AWS SDK and Lake's clients read for region, endpoint and credentials.</summary>
    private static readonly string[] AwsVariables =
    [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SNS",
        "AWS_ENDPOINT_URL_GLUE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    ];

    private readonly Dictionary<string, string?> _saved;

    /// <summary>Only <paramref name="variables"/> of the AWS settings are set; the others are unset.</summary>
    public ProcessEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        var wanted = AwsVariables.ToDictionary(name => name, name => variables.GetValueOrDefault(name));
        foreach (var (name, value) in variables)
        {
            wanted[name] = value;
        }

        _saved = wanted.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        Apply(wanted);
    }

    public void Dispose() => Apply(_saved);

    private static void Apply(Dictionary<string, string?> variables)
    {
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        FallbackRegionFactory.Reset();
        FallbackInternalConfigurationFactory.Reset();
    }
}
