using Amazon.Runtime;
using Amazon.Runtime.Credentials;


namespace Lake.AppHost.Aws;

/// <summary>aws mode: no emulator; the region and credentials the SDKs would use here, checked before anything starts.</summary>
internal static class AwsAccount
{
    public static async Task<AwsTarget> ResolveAsync(CancellationToken cancellationToken)
    {
        var region = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } set ? set
            : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback
            : ProfileRegion();
        if (region is null)
        {
            throw new LakeSettingsException(
                "--mode aws: no AWS region is configured: set AWS_REGION (for example AWS_REGION=eu-west-1) or a region in your AWS profile, or use --mode embedded.");
        }

        try
        {
            var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken);
            _ = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken);
        }
        catch (AmazonClientException ex)
        {
            throw new LakeSettingsException(
                "--mode aws: no AWS credentials were found (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile or SSO session in ~/.aws, " +
                $"or a container or instance role): configure them, or use --mode embedded. The SDK said: {ex.Message}", ex);
        }

        return AwsTarget.Account(region);
    }

    private static string? ProfileRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
