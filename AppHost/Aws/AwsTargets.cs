using System.Net.Sockets;

namespace Lake.AppHost.Aws;

/// <summary>
/// Where the lake's AWS calls go (DESIGN §3): <c>AWS_REGION</c> always; with an emulator also <c>AWS_ENDPOINT_URL</c>
/// and its dummy credentials. <paramref name="Emulator"/> is the resource to wait for (none on AWS).
/// </summary>
internal sealed record AwsTarget(AwsMode Mode, string Region, IResourceBuilder<IResource>? Emulator, object? Endpoint)
{
    /// <summary>With the embedded emulator, the state whose secret gives each service its own key (<see cref="ServicePrincipals"/>).</summary>
    public LocalState? LeastPrivilege { get; init; }

    public const string EmulatorAccessKey = "test";

    public static AwsTarget Account(string region) => new(AwsMode.Aws, region, null, null);
}

internal static class AwsTargets
{
    /// <summary>The region an emulator's lake lives in: the environment's, else us-east-1 (moto's and LocalStack's default).</summary>
    private static string EmulatorRegion =>
        Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region
        : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback
        : "us-east-1";

    /// <summary>Adds what the lake's AWS calls go to, by <see cref="AppHostOptions.Mode"/>: an emulator resource, or nothing on AWS.</summary>
    /// <exception cref="LakeSettingsException">The mode cannot work here; the message says why and what to do.</exception>
    public static async Task<AwsTarget> AddAwsAsync(this IDistributedApplicationBuilder builder, LakeSettings lake)
    {
        var target = lake.Options.Mode switch
        {
            AwsMode.Embedded => builder.AddEmbeddedEmulator(lake),
            AwsMode.LocalStack => await builder.AddLocalStackAsync(lake),
            AwsMode.Aws => await AwsAccount.ResolveAsync(CancellationToken.None),
            var other => throw new LakeSettingsException($"AppHost:Mode '{other}' is not a mode: use embedded, localstack or aws."),
        };
        ForgetShellSettings(target.Mode);
        return target;
    }

    /// <summary>
    /// Gives a resource the AWS settings and makes it wait for the emulator, as <c>WithReference</c> + <c>WaitFor</c> do.
    /// </summary>
    public static IResourceBuilder<T> WithAws<T>(this IResourceBuilder<T> resource, AwsTarget aws)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        resource.WithEnvironment(context =>
        {
            context.EnvironmentVariables["AWS_REGION"] = aws.Region;
            if (aws.Endpoint is not null)
            {
                var (key, secret) = (aws.LeastPrivilege is { } state ? ServicePrincipals.For(resource.Resource.Name, state) : null)
                    ?? (AwsTarget.EmulatorAccessKey, AwsTarget.EmulatorAccessKey);
                context.EnvironmentVariables["AWS_ENDPOINT_URL"] = aws.Endpoint;
                context.EnvironmentVariables["AWS_ACCESS_KEY_ID"] = key;
                context.EnvironmentVariables["AWS_SECRET_ACCESS_KEY"] = secret;
            }
        });
        return aws.Emulator is null ? resource : resource.WaitFor(aws.Emulator);
    }

    /// <summary>The lake's resource names as <c>Lake__*</c> variables, the same for every service (DESIGN §3).</summary>
    public static IResourceBuilder<T> WithLakeNames<T>(this IResourceBuilder<T> resource, LakeSettings lake)
        where T : IResourceWithEnvironment
    {
        foreach (var (key, value) in Lake.Configuration.LakeEnvironment.Of(lake.Names))
        {
            resource.WithEnvironment(key, value);
        }

        return resource;
    }

    /// <summary>
    /// A developer's shell settings never point a resource elsewhere: DCP starts every resource with the AppHost's
    /// environment, so the endpoint variables (and, with an emulator, the credential and profile ones) are removed
    /// from it; each resource gets what <see cref="WithAws{T}"/> sets.
    /// </summary>
    private static void ForgetShellSettings(AwsMode mode)
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("AWS_ENDPOINT_URL", StringComparison.Ordinal)
                || (mode != AwsMode.Aws && name.StartsWith("AWS_", StringComparison.Ordinal) && name != "AWS_REGION"))
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    /// <summary>moto_server through <c>Emulator/lake_moto.py</c>, which keeps the services' state in the state directory.</summary>
    private static AwsTarget AddEmbeddedEmulator(this IDistributedApplicationBuilder builder, LakeSettings lake)
    {
        var emulator = builder.AddExecutable("aws-emulator", MotoPython(), builder.AppHostDirectory)
            .WithHttpEndpoint(lake.Options.Ports.Port(lake.Options.Ports.AwsEmulator), name: "http");
        var endpoint = emulator.GetEndpoint("http");
        emulator
            .WithArgs(context =>
            {
                context.Args.Add(Path.Combine(builder.AppHostDirectory, "Emulator", "lake_moto.py"));
                context.Args.Add("-H");
                context.Args.Add("127.0.0.1");
                context.Args.Add("-p");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--state");
                context.Args.Add(lake.State.EmulatorState);
                context.Args.Add("--region");
                context.Args.Add(EmulatorRegion);
                foreach (var argument in ServicePrincipals.EmulatorArguments(lake))
                {
                    context.Args.Add(argument);
                }
            })
            .WithHttpHealthCheck("/lake/health");
        return new AwsTarget(AwsMode.Embedded, EmulatorRegion, emulator, endpoint) { LeastPrivilege = lake.State };
    }

    /// <summary>
    /// The Python that has moto: <c>LAKE_MOTO_PYTHON</c>, else the interpreter named in <c>moto_server</c>'s
    /// <c>#!</c> line (a pip or pipx install), else <c>python3</c>.
    /// </summary>
    private static string MotoPython()
    {
        if (Environment.GetEnvironmentVariable("LAKE_MOTO_PYTHON") is { Length: > 0 } configured)
        {
            return configured;
        }

        var server = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "moto_server")).FirstOrDefault(File.Exists);
        var shebang = server is null ? null : File.ReadLines(server).FirstOrDefault();
        return shebang is not null && shebang.StartsWith("#!/", StringComparison.Ordinal) && shebang.Contains("python", StringComparison.Ordinal)
            && !shebang.Contains(' ', StringComparison.Ordinal)
            ? shebang[2..]
            : "python3";
    }

    /// <summary>
    /// localstack mode: a LocalStack endpoint that answers (<c>AppHost:LocalStackEndpoint</c>, an external service),
    /// else a LocalStack container when a container engine answers, passing <c>LOCALSTACK_AUTH_TOKEN</c> through.
    /// </summary>
    private static async Task<AwsTarget> AddLocalStackAsync(this IDistributedApplicationBuilder builder, LakeSettings lake)
    {
        const string health = "/_localstack/health";
        var options = lake.Options;
        if (!string.IsNullOrWhiteSpace(options.LocalStackEndpoint))
        {
            var endpoint = Uri.TryCreate(options.LocalStackEndpoint, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new LakeSettingsException($"AppHost:LocalStackEndpoint '{options.LocalStackEndpoint}' is not an absolute http(s) URL.");
            if (await AnswersAsync(new Uri(endpoint, health)))
            {
                var external = builder.AddExternalService("aws-emulator", endpoint).WithHttpHealthCheck(health);
                return new AwsTarget(AwsMode.LocalStack, EmulatorRegion, external, endpoint.ToString().TrimEnd('/'));
            }
        }

        var engine = await ContainerEngine.FindAsync(CancellationToken.None);
        if (engine.Path is null)
        {
            var given = options.LocalStackEndpoint is { Length: > 0 } url ? $"nothing answers at {url} (AppHost:LocalStackEndpoint)" : "AppHost:LocalStackEndpoint is not set";
            throw new LakeSettingsException(
                $"--mode localstack: {given}, and no container engine answers to start LocalStack in ({engine.Reason}). " +
                $"Start LocalStack yourself (docker run -p 4566:4566 -e LOCALSTACK_AUTH_TOKEN {options.LocalStackImage}) and set AppHost__LocalStackEndpoint=http://127.0.0.1:4566, or use --mode embedded.");
        }

        var volume = Path.Combine(lake.State.Directory, "localstack");
        Directory.CreateDirectory(volume);
        var (image, tag) = options.LocalStackImage.LastIndexOf(':') is var colon and > 0
            ? (options.LocalStackImage[..colon], options.LocalStackImage[(colon + 1)..])
            : (options.LocalStackImage, "latest");
        var container = builder.AddContainer("aws-emulator", image, tag)
            .WithHttpEndpoint(options.Ports.Port(options.Ports.AwsEmulator), targetPort: 4566, name: "http")
            .WithEnvironment("LOCALSTACK_AUTH_TOKEN", Environment.GetEnvironmentVariable("LOCALSTACK_AUTH_TOKEN") ?? "")
            .WithEnvironment("PERSISTENCE", "1")
            .WithBindMount(volume, "/var/lib/localstack")
            .WithHttpHealthCheck(health);
        return new AwsTarget(AwsMode.LocalStack, EmulatorRegion, container, container.GetEndpoint("http"));
    }

    private static async Task<bool> AnswersAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            return (int)response.StatusCode < 500;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
        {
            return false;
        }
    }
}
