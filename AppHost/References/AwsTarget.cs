using Lake.AppHost.Hosting;

namespace Lake.AppHost.References;

/// <summary>
/// Where a service's AWS calls go (DESIGN §3): <c>AWS_REGION</c> always; with an emulator also <c>AWS_ENDPOINT_URL</c>
/// and its dummy credentials. Endpoint and credential variables the AppHost itself inherited are removed, so a
/// developer's shell settings never point a service somewhere else.
/// </summary>
internal sealed class AwsTarget(AwsMode mode, string region, Uri? endpoint, LakeResource? emulator) : IResourceReference
{
    public const string EmulatorAccessKey = "test";

    public AwsMode Mode { get; } = mode;

    public string Region { get; } = region;

    /// <summary>The emulator's endpoint; null on AWS.</summary>
    public Uri? Endpoint { get; } = endpoint;

    public LakeResource? Resource { get; } = emulator;

    public void ApplyTo(LakeResource target, IDictionary<string, string?> environment)
    {
        foreach (var inherited in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (inherited.StartsWith("AWS_ENDPOINT_URL", StringComparison.Ordinal))
            {
                environment[inherited] = null;
            }
        }

        environment["AWS_REGION"] = Region;
        if (Endpoint is null)
        {
            return;
        }

        environment["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/');
        environment["AWS_ACCESS_KEY_ID"] = EmulatorAccessKey;
        environment["AWS_SECRET_ACCESS_KEY"] = EmulatorAccessKey;
        foreach (var variable in (string[])["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"])
        {
            environment[variable] = null;
        }
    }
}
