using System.CommandLine;
using Lake.Cli.Connection;

namespace Lake.Cli.Commands;

/// <summary>The options every command takes to find the lake; each overrides its environment variable and the state directory.</summary>
internal sealed class ConnectionOptions
{
    public Option<string?> StateDirectory { get; } = Global("--state-dir", "The AppHost's state directory (lake.json, key files) [env: LAKE_STATE_DIR; default: .lake/state found from here upwards]");

    public Option<string?> IngestUrl { get; } = Global("--ingest-url", "The ingest API's URL [env: LAKE_INGEST_URL]");

    public Option<string?> QueryUrl { get; } = Global("--query-url", "The query service's URL [env: LAKE_QUERY_URL]");

    public Option<string?> ConsoleUrl { get; } = Global("--console-url", "The lake console's URL [env: LAKE_CONSOLE_URL]");

    public Option<string?> IngestKey { get; } = Global("--ingest-key", "The ingest API's key [env: LAKE_INGEST_KEY; default: the state directory's ingest-api-key]");

    public Option<string?> QueryKey { get; } = Global("--query-key", "The query service's key [env: LAKE_QUERY_KEY; default: the state directory's query-api-key]");

    public Option<string?> ConsoleKey { get; } = Global("--console-key", "The lake console's key [env: LAKE_CONSOLE_KEY; default: console-api-key, else the ingest key]");

    public IEnumerable<Option> All => [StateDirectory, IngestUrl, QueryUrl, ConsoleUrl, IngestKey, QueryKey, ConsoleKey];

    /// <summary>The connection the command line, the environment and the state directory describe.</summary>
    public LakeConnection Resolve(ParseResult parse, Func<string, string?> environment)
    {
        var settings = new LakeConnectionSettings(
            parse.GetValue(StateDirectory), parse.GetValue(IngestUrl), parse.GetValue(QueryUrl), parse.GetValue(ConsoleUrl),
            parse.GetValue(IngestKey), parse.GetValue(QueryKey), parse.GetValue(ConsoleKey));
        var stateDirectory = settings.StateDirectory ?? (environment("LAKE_STATE_DIR") is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        return new LakeConnection(settings, environment, LakeState.Load(stateDirectory, Directory.GetCurrentDirectory()));
    }

    private static Option<string?> Global(string name, string description) => new(name) { Description = description, Recursive = true };
}
