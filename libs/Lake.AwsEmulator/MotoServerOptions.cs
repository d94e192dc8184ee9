namespace Lake.AwsEmulator;

/// <summary>How to start <c>moto_server</c>.</summary>
public sealed record MotoServerOptions
{
    /// <summary>The executable, looked up on PATH unless it is a path. <c>LAKE_MOTO_SERVER</c> overrides the default.</summary>
    public string Executable { get; init; } = Environment.GetEnvironmentVariable("LAKE_MOTO_SERVER") is { Length: > 0 } e ? e : "moto_server";

    /// <summary>The loopback address it binds to.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How long to wait for it to answer HTTP before giving up.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where <c>lake_moto.py</c> keeps its state (<c>--state</c>): loaded at start, every acknowledged change written
    /// before it is answered. Null starts it empty and keeps nothing (plain <c>moto_server</c> takes no state).
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>Arguments after <c>-H HOST -p PORT</c>, for a wrapper such as <c>lake_moto.py</c> (e.g. <c>--principal</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Receives each line the emulator writes (stdout and stderr); null discards them.</summary>
    public Action<string>? Log { get; init; }
}
