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
    /// <summary>
    /// Resource name → the template's policy it runs under. Each function signs with its own key (its execution role);
    /// the Lambda emulator polls the validate queue for its event source, which on AWS uses the function's role.
    /// </summary>
    private static readonly Dictionary<string, string> Policies = new(StringComparer.Ordinal)
    {
        ["ingest-api"] = "IngestApiPolicy",
        ["lambda-emulator"] = "ValidateFunctionPolicy",
        ["validate"] = "ValidateFunctionPolicy",
        ["ingest-http"] = "IngestHttpFunctionPolicy",
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

    /// <summary>
    /// A Lambda function's own key, set in its environment (which the Lambda emulator gives the function's processes in
    /// place of its own), as Lambda gives a function its execution role's credentials.
    /// </summary>
    public static IResourceBuilder<T> WithOwnAwsKey<T>(this IResourceBuilder<T> function, AwsTarget aws)
        where T : IResourceWithEnvironment
    {
        if (aws.LeastPrivilege is { } state && For(function.Resource.Name, state) is var (key, secret))
        {
            function.WithEnvironment("AWS_ACCESS_KEY_ID", key).WithEnvironment("AWS_SECRET_ACCESS_KEY", secret);
        }

        return function;
    }

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
