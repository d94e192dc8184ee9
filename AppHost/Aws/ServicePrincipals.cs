using System.Security.Cryptography;
using System.Text;
using Lake.Configuration;

namespace Lake.AppHost.Aws;

/// <summary>
/// Least privilege in the embedded emulator: each service signs with its own key, bound to its managed policy in
/// <c>infra/template.yaml</c>, which the emulator enforces (<c>Emulator/lake_policy.py</c>). The provisioner and a
/// developer's AWS CLI keep the administrator's key (<see cref="AwsTarget.EmulatorAccessKey"/>).
/// </summary>
internal static class ServicePrincipals
{
    /// <summary>Resource name → the template's policy it runs under. The Lambda emulator polls with its function's.</summary>
    private static readonly Dictionary<string, string> Policies = new(StringComparer.Ordinal)
    {
        ["ingest-api"] = "IngestApiPolicy",
        ["lambda-emulator"] = "ValidateFunctionPolicy",
        ["transform"] = "TransformPolicy",
        ["query"] = "QueryPolicy",
        ["lake-console"] = "ConsolePolicy",
    };

    public const string TemplatePath = "infra/template.yaml";

    /// <summary>The key pair a resource signs with: its own, derived from the state's secret, or null for the administrator's.</summary>
    public static (string AccessKey, string Secret)? For(string resource, LocalState state) =>
        Policies.ContainsKey(resource)
            ? ("LAKE" + resource.Replace("lake-", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(),
               Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(state.EmulatorSecret), Encoding.UTF8.GetBytes(resource))))
            : null;

    /// <summary>The emulator's arguments binding each service's key to its policy, with the template's parameters.</summary>
    public static IEnumerable<string> EmulatorArguments(LakeSettings lake)
    {
        yield return "--template";
        yield return Path.Combine(lake.RepositoryRoot, TemplatePath);
        foreach (var (name, value) in LakeTemplateParameters.Of(lake.Names))
        {
            yield return "--parameter";
            yield return $"{name}={value}";
        }

        foreach (var (resource, policy) in Policies)
        {
            var (key, secret) = For(resource, lake.State)!.Value;
            yield return "--principal";
            yield return $"{key}:{secret}:{policy}";
        }
    }
}
