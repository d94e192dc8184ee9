using Lake.AppHost.Hosting;
using Lake.Configuration;

namespace Lake.AppHost.References;

/// <summary>The lake's resource names as <c>Lake__*</c> variables, the same for every service (DESIGN §3).</summary>
internal sealed class LakeNames(LakeOptions options) : IResourceReference
{
    private readonly IReadOnlyDictionary<string, string> _environment = LakeEnvironment.Of(options);

    public LakeOptions Options { get; } = options;

    public LakeResource? Resource => null;

    public void ApplyTo(LakeResource target, IDictionary<string, string?> environment)
    {
        foreach (var (key, value) in _environment)
        {
            environment[key] = value;
        }
    }
}
