namespace Lake.Cli.Connection;

/// <summary>
/// Where the lake's services are and which keys they take. Each comes from, in order: its flag, its environment
/// variable, the AppHost's state directory (<c>lake.json</c> and key files), and for the ingest API and the query
/// service the AppHost's default ports.
/// </summary>
internal sealed class LakeConnection(LakeConnectionSettings flags, Func<string, string?> environment, LakeState state)
{
    public LakeState State => state;

    public LakeEndpoint IngestApi => Resolve(
        "ingest API", flags.IngestUrl, "--ingest-url", "LAKE_INGEST_URL", "ingestApi", new Uri("http://127.0.0.1:5080"),
        flags.IngestKey, "--ingest-key", "LAKE_INGEST_KEY", "ingestApiKey", "ingest-api-key", fallbackKey: null);

    public LakeEndpoint Query => Resolve(
        "query service", flags.QueryUrl, "--query-url", "LAKE_QUERY_URL", "query", new Uri("http://127.0.0.1:5090"),
        flags.QueryKey, "--query-key", "LAKE_QUERY_KEY", "queryApiKey", "query-api-key", fallbackKey: null);

    /// <summary>The console has no fixed port: it is known from lake.json, a flag or the environment. Its key defaults to the ingest API's (the AppHost gives it that one).</summary>
    public LakeEndpoint Console => Resolve(
        "lake console", flags.ConsoleUrl, "--console-url", "LAKE_CONSOLE_URL", "console", fallbackUrl: null,
        flags.ConsoleKey, "--console-key", "LAKE_CONSOLE_KEY", "consoleApiKey", "console-api-key", fallbackKey: IngestApi);

    private LakeEndpoint Resolve(
        string service, string? flagUrl, string urlFlag, string urlVariable, string stateName, Uri? fallbackUrl,
        string? flagKey, string keyFlag, string keyVariable, string stateKeyName, string keyFile, LakeEndpoint? fallbackKey)
    {
        var stateFile = state.Directory is null ? null : Path.Combine(state.Directory, LakeState.FileName);
        var (url, source) =
            Pick(flagUrl, urlFlag) ?? Pick(environment(urlVariable), urlVariable) ?? Pick(state.Value(stateName), $"{stateFile} ({stateName})")
            ?? (fallbackUrl is null ? null : ((string Value, string Source)?)(fallbackUrl.ToString(), "the AppHost's default port"))
            ?? throw new LakeConfigurationException(
                $"where the {service} runs is unknown: no {stateName} in {stateFile ?? "a state directory (.lake/state/lake.json, found from here upwards)"}. " +
                $"Pass {urlFlag} or set {urlVariable}, or start the lake (dotnet run --project AppHost) and run lake inside its repository.");
        var key =
            Pick(flagKey, keyFlag) ?? Pick(environment(keyVariable), keyVariable) ?? Pick(state.Value(stateKeyName), $"{stateFile} ({stateKeyName})")
            ?? Pick(state.Key(keyFile), state.Directory is null ? keyFile : Path.Combine(state.Directory, keyFile))
            ?? (fallbackKey is { Key: { } k, KeySource: { } ks } ? (k, ks) : null);
        return new LakeEndpoint(service, ParseUrl(url, source), source, key?.Value, key?.Source, $"pass {keyFlag} or set {keyVariable}");
    }

    private static (string Value, string Source)? Pick(string? value, string source) =>
        string.IsNullOrWhiteSpace(value) ? null : (value.Trim(), source);

    private static Uri ParseUrl(string value, string source) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new LakeConfigurationException($"'{value}' from {source} is not an http(s) URL.");
}

/// <summary>What the command line said about the connection; null where it said nothing.</summary>
internal sealed record LakeConnectionSettings(
    string? StateDirectory = null,
    string? IngestUrl = null, string? QueryUrl = null, string? ConsoleUrl = null,
    string? IngestKey = null, string? QueryKey = null, string? ConsoleKey = null);
