namespace Lake.AppHost;

/// <summary>The AppHost's own settings: <c>AppHost__*</c> in the environment, <c>--AppHost:...=</c> on the command line.</summary>
internal sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>Where the AWS services come from (<c>--mode</c>).</summary>
    public AwsMode Mode { get; set; } = AwsMode.Embedded;

    public LakePorts Ports { get; set; } = new();

    /// <summary>Where the emulator's state and the local ingest API key are kept; defaults to <c>.lake/state/</c> in the repository.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Start the emulator empty, discarding its saved state (<c>--clean</c>).</summary>
    public bool Clean { get; set; }

    /// <summary>Upload <c>seed-data/</c> through the ingest API once the lake is up (<c>--seed</c>).</summary>
    public bool Seed { get; set; }

    /// <summary>The ingest API's key; unset, one is generated once and kept in the state directory.</summary>
    public string? IngestApiKey { get; set; }

    /// <summary>localstack mode: a LocalStack already running (e.g. <c>http://127.0.0.1:4566</c>).</summary>
    public string? LocalStackEndpoint { get; set; }

    /// <summary>localstack mode: the image started when no endpoint answers and a container engine does.</summary>
    public string LocalStackImage { get; set; } = "localstack/localstack:4.10";

    /// <summary>The lake console's key; unset, one is generated once and kept in the state directory.</summary>
    public string? ConsoleKey { get; set; }
}

internal enum AwsMode
{
    /// <summary>moto_server, an executable resource, its state kept between runs.</summary>
    Embedded,

    /// <summary>A LocalStack endpoint, or a LocalStack container when a container engine answers.</summary>
    LocalStack,

    /// <summary>Real AWS: no emulator, the region and credential chain of the environment.</summary>
    Aws,
}

/// <summary>
/// Loopback ports, fixed so they can be bookmarked; 0 picks a free one. Each is the port DCP's proxy listens on;
/// the dashboard's ports are the launch profile's (<c>ASPNETCORE_URLS</c> and the <c>ASPIRE_*_URL</c> settings).
/// </summary>
internal sealed class LakePorts
{
    public int AwsEmulator { get; set; } = 4566;

    public int LambdaEmulator { get; set; } = 9001;

    public int IngestApi { get; set; } = 5080;

    public int Transform { get; set; } = 5085;

    public int Query { get; set; } = 5090;

    public int Console { get; set; } = 5095;

    /// <summary>A port as Aspire's <c>WithHttpEndpoint</c> takes it: 0 becomes null, a free port.</summary>
    public int? Port(int configured) => configured == 0 ? null : configured;

    public IEnumerable<(string Key, int Port)> All() =>
    [
        ("AppHost:Ports:AwsEmulator", AwsEmulator), ("AppHost:Ports:LambdaEmulator", LambdaEmulator),
        ("AppHost:Ports:IngestApi", IngestApi), ("AppHost:Ports:Transform", Transform),
        ("AppHost:Ports:Query", Query), ("AppHost:Ports:Console", Console),
    ];
}
