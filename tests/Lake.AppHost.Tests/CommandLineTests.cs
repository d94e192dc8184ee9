using Lake.Testing.Aspire;

namespace Lake.AppHost.Tests;

/// <summary>The AppHost as a process: settings that cannot work stop it at once, naming the setting.</summary>
[Trait("Category", "Integration")]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-cli-").FullName;

    [Fact]
    public async Task AnUnknownModeIsRefusedNamingTheModes()
    {
        await using var host = AppHostProcess.Start(_state, ["--mode", "cloud"]);

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("embedded, localstack, aws", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyPortIsRefusedNamingItsSetting()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        await using var host = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, $"--AppHost:Ports:Query={port}"]);

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"Port {port} (AppHost:Ports:Query) is already in use", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsTheOptions()
    {
        await using var host = AppHostProcess.Start(_state, ["--help"]);

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(0, host.ExitCode);
        Assert.Contains("--mode embedded|localstack|aws", host.Text, StringComparison.Ordinal);
        Assert.Contains("--seed", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalStackModeWithoutAContainerEngineStopsAtOnceSayingWhatToDo()
    {
        // No docker or podman on PATH (none answers on these machines anyway), and nothing at the configured endpoint.
        var empty = Directory.CreateDirectory(Path.Combine(_state, "empty-path")).FullName;
        await using var host = AppHostProcess.Start(
            _state, [.. AppHostProcess.FreePorts, "--mode", "localstack", "--AppHost:LocalStackEndpoint=http://127.0.0.1:9"],
            new Dictionary<string, string?> { ["PATH"] = empty });

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("--mode localstack: nothing answers at http://127.0.0.1:9", host.Text, StringComparison.Ordinal);
        Assert.Contains("no container engine answers to start LocalStack in (docker: not installed; podman: not installed)", host.Text, StringComparison.Ordinal);
        Assert.Contains("or use --mode embedded", host.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting DCP", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsModeWithoutCredentialsStopsAtOnceSayingWhatToDo()
    {
        await using var host = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, "--mode", "aws"], NoAwsCredentials(region: "eu-west-1"));

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("--mode aws: no AWS credentials were found", host.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting DCP", host.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsModeWithoutARegionStopsAtOnceSayingWhatToDo()
    {
        await using var host = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, "--mode", "aws"], NoAwsCredentials(region: null));

        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("--mode aws: no AWS region is configured: set AWS_REGION", host.Text, StringComparison.Ordinal);
    }

    /// <summary>A shell with no AWS settings at all: no variables, no ~/.aws files, no instance metadata to ask.</summary>
    private Dictionary<string, string?> NoAwsCredentials(string? region)
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("AWS_", StringComparison.Ordinal))
            .ToDictionary(k => k, _ => (string?)null);
        environment["AWS_REGION"] = region;
        environment["AWS_CONFIG_FILE"] = Path.Combine(_state, "no-aws-config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_state, "no-aws-credentials");
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return environment;
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
