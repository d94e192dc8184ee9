using System.Globalization;
using System.Reflection;

namespace Lake.Configuration;

/// <summary>
/// The <c>Lake__*</c> environment variables that hand a <see cref="LakeOptions"/> to a child process (a service the
/// AppHost starts, a function the Lambda emulator runs, a service under test), as the process reads them back
/// (DESIGN §3). Every settable option is written, so a name added to the options travels without more code.
/// </summary>
public static class LakeEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(LakeOptions options)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(options, LakeOptions.SectionName, environment);
        return environment;
    }

    private static void Flatten(object options, string prefix, IDictionary<string, string> environment)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            var key = $"{prefix}__{property.Name}";
            switch (property.GetValue(options))
            {
                case null:
                    break;
                case string text:
                    environment[key] = text;
                    break;
                case IFormattable value:
                    environment[key] = value.ToString(null, CultureInfo.InvariantCulture);
                    break;
                case bool flag:
                    environment[key] = flag ? "true" : "false";
                    break;
                case var nested when nested.GetType().IsClass:
                    Flatten(nested, key, environment);
                    break;
            }
        }
    }
}
