using Lake.AppHost.Hosting;
using Lake.AppHost.References;

namespace Lake.AppHost.Aws;

/// <summary>Adds what the lake's AWS calls go to, by <see cref="AppHostOptions.Mode"/>: an emulator resource, or nothing on AWS.</summary>
internal static class AwsTargets
{
    /// <summary>The region an emulator's lake lives in: the environment's, else us-east-1 (moto's and LocalStack's default).</summary>
    public static string EmulatorRegion =>
        Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region
        : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback
        : "us-east-1";

    /// <exception cref="AwsTargetException">The mode cannot work here; the message says why and what to do.</exception>
    public static async Task<AwsTarget> AddAwsAsync(this LakeAppBuilder builder, string stateDirectory, CancellationToken cancellationToken) =>
        builder.Options.Mode switch
        {
            AwsMode.Embedded => builder.AddEmbeddedEmulator(stateDirectory),
            AwsMode.LocalStack => await builder.AddLocalStackAsync(stateDirectory, cancellationToken),
            AwsMode.Aws => await AwsAccount.ResolveAsync(cancellationToken),
            var other => throw new AwsTargetException($"AppHost:Mode '{other}' is not a mode: use embedded, localstack or aws."),
        };
}

/// <summary>The chosen mode cannot run here: no emulator, no region, no credentials. The message says what to do.</summary>
internal sealed class AwsTargetException(string message, Exception? inner = null) : Exception(message, inner);
