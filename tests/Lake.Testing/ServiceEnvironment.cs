using Lake.Configuration;

namespace Lake.Testing;

/// <summary>What a launcher hands a Lake process (DESIGN §3): the AWS settings, the lake's <c>Lake__*</c> names, its own settings.</summary>
public static class ServiceEnvironment
{
    /// <param name="settings">The process's own settings, e.g. <c>("Transform__TempDirectory", path)</c>; they win.</param>
    public static Dictionary<string, string> For(
        IReadOnlyDictionary<string, string> aws, LakeOptions lake, params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(aws);
        foreach (var (key, value) in LakeEnvironment.Of(lake).Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))))
        {
            environment[key] = value;
        }

        return environment;
    }
}
