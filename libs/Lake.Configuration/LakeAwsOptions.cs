using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Lake.Aws;

namespace Lake.Configuration;

/// <summary>The <see cref="AWSOptions"/> Lake passes around, and how Lake's own SNS and Glue clients read them.</summary>
public static class LakeAwsOptions
{
    /// <summary>Every client to <paramref name="endpoint"/> (an emulator), signing for <paramref name="region"/> with <paramref name="credentials"/>.</summary>
    public static AWSOptions ForEndpoint(string region, Uri endpoint, AWSCredentials credentials)
    {
        var options = new AWSOptions { Region = RegionEndpoint.GetBySystemName(region), Credentials = credentials };
        options.DefaultClientConfig.ServiceURL = endpoint.ToString();
        options.DefaultClientConfig.AuthenticationRegion = region;
        return options;
    }

    /// <summary>
    /// <paramref name="options"/> for <see cref="Lake.Aws.Sns.SnsClient"/> and <see cref="Lake.Aws.Glue.GlueClient"/>: what is
    /// unset there they resolve from the same environment variables and credential chain the SDK does.
    /// </summary>
    public static AwsClientOptions ForLakeClients(AWSOptions? options) => options is null ? new AwsClientOptions() : new()
    {
        Region = RegionOf(options),
        ServiceUrl = options.DefaultClientConfig.ServiceURL is { } url ? new Uri(url) : null,

        // A named profile resolves as the SDK's client factory resolves it; otherwise the default chain, on first call.
        Credentials = options.Credentials ?? (string.IsNullOrEmpty(options.Profile) ? null : options.GetCredentials()),
    };

    /// <summary>The region <paramref name="options"/> name, if any; else the environment's applies.</summary>
    public static string? RegionOf(AWSOptions? options) => options?.Region?.SystemName ?? options?.DefaultClientConfig.AuthenticationRegion;
}
