namespace Lake.AppHost;

/// <summary>
/// The AppHost's switches, turned into configuration so they sit with every other setting:
/// <c>--mode X</c> is <c>AppHost:Mode</c>, <c>--seed</c> and <c>--clean</c> are <c>AppHost:Seed</c>/<c>AppHost:Clean</c>.
/// Anything else passes through (<c>--AppHost:Ports:IngestApi=6080</c>, <c>--Lake:Buckets:Raw=...</c>).
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        Starts the lake on this machine: the AWS emulator, the provisioner, the Lambda emulator with the validate
        function, the ingest API, the transform and query services, and the lake console, in dependency order, as an
        Aspire AppHost (the Aspire dashboard shows them).

        usage: dotnet run --project AppHost [-- options]

          --mode embedded|localstack|aws   where AWS comes from (AppHost__Mode; default embedded: moto_server)
          --seed                           upload seed-data/ through the ingest API once the lake is up
          --clean                          start the emulator empty instead of from its saved state
          --AppHost:Ports:<Name>=<port>    AwsEmulator 4566, LambdaEmulator 9001, IngestApi 5080,
                                           Transform 5085, Query 5090, Console 5095 (0: any free port);
                                           the dashboard's are the launch profile's (18888, 18889, 18890)
          --AppHost:StateDirectory=<dir>   where state is kept (default .lake/state/ in the repository)
          --AppHost:IngestApiKey=<key>     the ingest API key (default: generated once, kept in the state directory)
          --AppHost:LocalStackEndpoint=<url>  localstack mode: a running LocalStack
          --AppHost:ConsoleKey=<key>       the lake console's key (default: generated once, kept there too)
          --Lake:<Key>=<value>             the lake's resource names (see README)
        """;

    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "-h" or "--help" or "-?");

    public static string[] ToConfiguration(IReadOnlyList<string> args)
    {
        var translated = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--mode" when i + 1 < args.Count:
                    translated.Add($"--AppHost:Mode={args[++i]}");
                    break;
                case var mode when mode.StartsWith("--mode=", StringComparison.Ordinal):
                    translated.Add($"--AppHost:Mode={mode["--mode=".Length..]}");
                    break;
                case "--seed":
                    translated.Add("--AppHost:Seed=true");
                    break;
                case "--clean":
                    translated.Add("--AppHost:Clean=true");
                    break;
                default:
                    translated.Add(args[i]);
                    break;
            }
        }

        return [.. translated];
    }
}
