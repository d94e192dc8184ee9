using System.Net;
using System.Net.Sockets;
using Lake.Testing;

namespace Lake.AppHost.Tests;

/// <summary>The modes, and the settings that cannot work: each refused before anything starts, saying what to do.</summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ModeTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-apphost-").FullName;

    [Fact]
    public async Task AwsModeWithoutCredentialsFailsClearlyBeforeStartingAnything()
    {
        var (exitCode, output) = await RunToEndAsync(["--mode", "aws"], WithoutAws(("AWS_REGION", "eu-west-1")));

        Assert.Equal(1, exitCode);
        Assert.Contains("--mode aws: no AWS credentials were found", output);
        Assert.DoesNotContain("Starting the lake", output);
    }

    [Fact]
    public async Task AwsModeWithoutARegionSaysHowToSetOne()
    {
        var (exitCode, output) = await RunToEndAsync(["--mode=aws"], WithoutAws(("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret")));

        Assert.Equal(1, exitCode);
        Assert.Contains("--mode aws: no AWS region is configured: set AWS_REGION", output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task LocalStackModeWithNothingAnsweringAndNoContainerEngineSaysWhatToDo()
    {
        // Engines that are installed but whose daemon does not answer, as on a machine without Docker running.
        var engines = Directory.CreateDirectory(Path.Combine(_state, "bin")).FullName;
        foreach (var engine in (string[])["docker", "podman"])
        {
            var script = Path.Combine(engines, engine);
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'Cannot connect to the daemon. Is it running?' >&2\nexit 1\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = $"{engines}:{Environment.GetEnvironmentVariable("PATH")}";
        var (exitCode, output) = await RunToEndAsync(
            ["--mode", "localstack", $"--AppHost:LocalStackEndpoint=http://127.0.0.1:{UnusedPort()}"], new Dictionary<string, string?> { ["PATH"] = path });

        Assert.Equal(1, exitCode);
        Assert.Contains("(AppHost:LocalStackEndpoint), and no container engine answers", output);
        Assert.Contains("docker: Cannot connect to the daemon", output);
        Assert.Contains("AppHost__LocalStackEndpoint", output);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task LocalStackModeRunsTheLakeAgainstAnEndpointThatAnswers()
    {
        // moto stands in for LocalStack: an emulator the user started, which the AppHost only uses and watches.
        var localStack = new EmulatorFixture();
        await localStack.InitializeAsync();
        try
        {
            await using var host = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, "--mode", "localstack", $"--AppHost:LocalStackEndpoint={localStack.Endpoint}"]);
            await host.WaitUntilRunningAsync();

            Assert.Equal(("Emulator", "Running"), (host.Row("aws-emulator").Type, host.Row("aws-emulator").State));
            Assert.Equal(localStack.Endpoint.ToString().TrimEnd('/'), host.Row("aws-emulator").Url);
            Assert.Contains("lake-quarantine", await localStack.Cli.RunRawAsync("s3api", "list-buckets"));
            Assert.Equal(0, await host.StopAsync());
            Assert.Contains("lake-quarantine", await localStack.Cli.RunRawAsync("s3api", "list-buckets"));
        }
        finally
        {
            await localStack.DisposeAsync();
        }
    }

    [Fact]
    public async Task APortInUseIsRefusedNamingItsSetting()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exitCode, output) = await RunToEndAsync([.. AppHostProcess.FreePorts, $"--AppHost:Ports:IngestApi={port}"]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Port {port} (AppHost:Ports:IngestApi, for ingest-api) is already in use", output);
        Assert.DoesNotContain("Starting the lake", output);
    }

    [Fact]
    public async Task AnUnknownModeIsRefusedNamingItsSetting()
    {
        var (exitCode, output) = await RunToEndAsync(["--mode", "cloud"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("AppHost:Mode", output);
        Assert.Contains("Modes: embedded, localstack, aws", output);
    }

    private async Task<(int ExitCode, string Output)> RunToEndAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var host = AppHostProcess.Start(_state, arguments, environment);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.WaitForExitAsync(limit.Token);
        return (host.ExitCode, host.Text);
    }

    /// <summary>No AWS settings but <paramref name="set"/>: no profile file, no instance metadata (there is no network).</summary>
    private Dictionary<string, string?> WithoutAws(params (string Key, string Value)[] set)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = _state,
            ["AWS_CONFIG_FILE"] = Path.Combine(_state, "no-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_state, "no-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        foreach (var name in (string[])["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"])
        {
            environment[name] = null;
        }

        foreach (var (key, value) in set)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static int UnusedPort() => new Hosting.PortPlan().Reserve(0, "test", "test");

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
