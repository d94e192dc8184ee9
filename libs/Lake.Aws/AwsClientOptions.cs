using Amazon.Runtime;

namespace Lake.Aws;

/// <summary>
/// How a Lake AWS client reaches its service. Every value is optional: unset ones come from the standard
/// AWS settings (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_ENDPOINT_URL</c>, the SDK credential chain).
/// </summary>
public sealed record AwsClientOptions
{
    /// <summary>The region to sign for and to build the default endpoint from; defaults to <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>.</summary>
    public string? Region { get; init; }

    /// <summary>The endpoint to call instead of the one resolved from the environment or the region.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>The credentials to sign with; defaults to AWSSDK.Core's default credential chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>How many times one call is tried in all (the first try included) before its error is thrown.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>How a retry waits; tests replace it to assert retries without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> RetryDelay { get; init; } = Task.Delay;
}
