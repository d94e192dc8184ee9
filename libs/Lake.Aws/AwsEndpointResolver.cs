namespace Lake.Aws;

/// <summary>
/// Resolves region and endpoint the way the AWS SDKs do, from an environment lookup that tests can replace.
/// </summary>
public sealed class AwsEndpointResolver(Func<string, string?> environment)
{
    /// <summary>A resolver over this process's environment variables.</summary>
    public static AwsEndpointResolver FromProcessEnvironment { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>The configured region, else <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>.</summary>
    /// <exception cref="InvalidOperationException">No region is configured anywhere.</exception>
    public string ResolveRegion(string? configured)
    {
        var region = FirstSet(configured, environment("AWS_REGION"), environment("AWS_DEFAULT_REGION"));
        return region ?? throw new InvalidOperationException(
            "No AWS region is configured: set AWS_REGION (for example AWS_REGION=us-east-1) or AwsClientOptions.Region.");
    }

    /// <summary>
    /// The configured URL, else <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else <c>AWS_ENDPOINT_URL</c>, else the service's
    /// public regional endpoint. <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> skips the two variables, as in the SDKs.
    /// </summary>
    public Uri ResolveEndpoint(AwsService service, string region, Uri? configured)
    {
        if (ResolveEndpointOverride(service, configured) is { } endpoint)
        {
            return endpoint;
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.EndpointPrefix}.{region}.{domain}");
    }

    /// <summary>The configured URL or the endpoint variables' (an emulator, usually); null when the service's own endpoint applies.</summary>
    public Uri? ResolveEndpointOverride(AwsService service, Uri? configured)
    {
        if (configured is not null)
        {
            return configured;
        }

        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in new[] { service.EndpointVariable, "AWS_ENDPOINT_URL" })
        {
            var value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? uri
                    : throw new InvalidOperationException($"{variable} is not an absolute http(s) URL: '{value}'.");
            }
        }

        return null;
    }

    private static string? FirstSet(params string?[] values) =>
        values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();
}
