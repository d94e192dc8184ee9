using System.Globalization;
using Lake.AppHost.Hosting;
using Lake.AppHost.References;

namespace Lake.AppHost.Aws;

/// <summary>
/// localstack mode: a LocalStack endpoint that answers (<c>AppHost:LocalStackEndpoint</c>), else a LocalStack
/// container when a container engine answers, passing <c>LOCALSTACK_AUTH_TOKEN</c> (current images require it).
/// </summary>
internal static class LocalStack
{
    private const string HealthPath = "/_localstack/health";
    private const string AuthToken = "LOCALSTACK_AUTH_TOKEN";

    public static async Task<AwsTarget> AddLocalStackAsync(this LakeAppBuilder builder, string stateDirectory, CancellationToken cancellationToken)
    {
        var options = builder.Options;
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(options.LocalStackEndpoint))
        {
            endpoint = Uri.TryCreate(options.LocalStackEndpoint, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new AwsTargetException($"AppHost:LocalStackEndpoint '{options.LocalStackEndpoint}' is not an absolute http(s) URL.");
            if (await new HttpHealthCheck(new Uri(endpoint, HealthPath), anyAnswer: true).IsHealthyAsync(cancellationToken))
            {
                var external = builder.AddExternal("aws-emulator", "Emulator", endpoint).WithHttpHealthCheck(HealthPath, anyAnswer: true);
                return new AwsTarget(AwsMode.LocalStack, AwsTargets.EmulatorRegion, endpoint, external.Resource);
            }
        }

        var engine = await ContainerEngine.FindAsync(cancellationToken);
        if (engine.Path is null)
        {
            var given = endpoint is null ? "AppHost:LocalStackEndpoint is not set" : $"nothing answers at {endpoint} (AppHost:LocalStackEndpoint)";
            throw new AwsTargetException(
                $"--mode localstack: {given}, and no container engine answers to start LocalStack in ({engine.Reason}). " +
                $"Start LocalStack yourself (docker run -p 4566:4566 -e {AuthToken} {options.LocalStackImage}) and set AppHost__LocalStackEndpoint=http://127.0.0.1:4566, or use --mode embedded.");
        }

        return builder.AddLocalStackContainer(engine.Path, stateDirectory);
    }

    private static AwsTarget AddLocalStackContainer(this LakeAppBuilder builder, string engine, string stateDirectory)
    {
        var container = builder.AddExecutable("aws-emulator", "Container", engine, stateDirectory)
            .WithHttpEndpoint(builder.Options.Ports.AwsEmulator, "AppHost:Ports:AwsEmulator");
        var endpoint = container.Resource.Endpoint("http")!;
        var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        var volume = Path.Combine(stateDirectory, "localstack");
        Directory.CreateDirectory(volume);

        // In the foreground with --rm: the engine's CLI forwards SIGTERM to the container, which is then removed.
        container
            .WithArgs("run", "--rm", "--name", $"lake-localstack-{port}", "-p", $"127.0.0.1:{port}:4566",
                "-e", AuthToken, "-e", "PERSISTENCE=1", "-v", $"{volume}:/var/lib/localstack", builder.Options.LocalStackImage)
            .WithEnvironment(AuthToken, Environment.GetEnvironmentVariable(AuthToken))
            .WithHttpHealthCheck(HealthPath)
            .WithStartTimeout(TimeSpan.FromMinutes(5));
        return new AwsTarget(AwsMode.LocalStack, AwsTargets.EmulatorRegion, endpoint.Url, container.Resource);
    }
}
