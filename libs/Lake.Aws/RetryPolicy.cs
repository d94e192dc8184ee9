using System.Net;

namespace Lake.Aws;

/// <summary>
/// Which failures are worth another try, and how long to wait before it: exponential backoff with full jitter
/// (a random wait between zero and <c>base · 2^(attempt-1)</c>, capped), as the AWS SDKs do.
/// </summary>
public static class RetryPolicy
{
    /// <summary>The first retry waits up to this long.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>No retry waits longer than this.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "SlowDown",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
    };

    /// <summary>Whether the service asked the caller to slow down.</summary>
    public static bool IsThrottling(AwsServiceException error) =>
        ThrottlingCodes.Contains(error.ErrorCode);

    /// <summary>Whether another try of the same call may succeed: throttling, 5xx, 429 and known transient codes.</summary>
    public static bool IsRetryable(AwsServiceException error) =>
        IsThrottling(error)
        || TransientCodes.Contains(error.ErrorCode)
        || error.StatusCode == HttpStatusCode.TooManyRequests
        || (int)error.StatusCode >= 500;

    /// <summary>The wait before try number <paramref name="attempt"/> + 1, for <paramref name="attempt"/> ≥ 1.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(ceiling, MaxDelay.TotalMilliseconds));
    }
}
