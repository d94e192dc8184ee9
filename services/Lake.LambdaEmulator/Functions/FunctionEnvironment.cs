namespace Lake.LambdaEmulator.Functions;

/// <summary>
/// A function's environment variables as configured. A variable whose name holds <c>__</c> (<c>Lake__Buckets__Raw</c>,
/// the way .NET settings travel in the environment) arrives as a nested section
/// (<c>LambdaEmulator:Functions:validate:Environment:Lake:Buckets:Raw</c>), which a dictionary binding would drop:
/// every leaf is read back under its full name.
/// </summary>
internal static class FunctionEnvironment
{
    public static Dictionary<string, string> Read(IConfigurationSection section) =>
        section.AsEnumerable(makePathsRelative: true)
            .Where(entry => entry.Value is not null)
            .ToDictionary(entry => entry.Key.Replace(":", "__", StringComparison.Ordinal), entry => entry.Value!, StringComparer.Ordinal);
}
