using System.Text.RegularExpressions;
using Lake.AppHost.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lake.AppHost.Seeding;

/// <summary>
/// The <c>seed</c> resource: the <c>lake</c> CLI (tools/Lake.Cli) uploading <c>seed-data/&lt;dataset&gt;/valid</c> and
/// <c>invalid/*.csv</c> through the ingest API as a user would, each file followed to its final stage. It runs once
/// with <c>--seed</c>; otherwise it waits for the ingest API's <b>Upload seed data</b> command (or its own Start).
/// </summary>
internal static partial class SeedResource
{
    public const string Name = "seed";

    public static IResourceBuilder<ProjectResource> AddSeed(
        this IDistributedApplicationBuilder builder, LakeSettings lake, IResourceBuilder<ProjectResource> ingest, params IResourceBuilder<IResourceWithWaitSupport>[] pipeline)
    {
        var seed = builder.AddProject<Projects.Lake_Cli>(Name)
            .WithArgs("upload", Path.Combine(lake.SeedDirectory, "*", "valid", "*.csv"), Path.Combine(lake.SeedDirectory, "*", "invalid", "*.csv"),
                "--expect-rejections", "--timeout", "300")
            .WithEnvironment("LAKE_INGEST_URL", ingest.GetEndpoint("http"))
            .WithEnvironment("LAKE_INGEST_KEY", lake.State.IngestApiKey)
            .WaitFor(ingest);
        foreach (var resource in pipeline)
        {
            seed.WaitFor(resource);
        }

        if (lake.Options.Seed)
        {
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<SeedEcho>(services, seed.Resource));
        }
        else
        {
            seed.WithExplicitStart();
        }

        ingest.WithCommand("upload-seed-data", "Upload seed data", context => RunAsync(context.Services, context.CancellationToken),
            new CommandOptions { Description = $"Runs the seed resource: lake upload of {lake.SeedDirectory}", IconName = "ArrowUpload", UpdateState = LakeCommands.HealthyOnly });
        return seed;
    }

    /// <summary>Starts the seed (again); its state, exit code and lines are the seed resource's in the dashboard.</summary>
    private static async Task<ExecuteCommandResult> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var started = await services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Name, KnownResourceCommands.StartCommand, cancellationToken);
        return started.Success ? CommandResults.Success("The seed is running: its console log follows each file to its final stage.") : started;
    }

    /// <summary><c>--seed</c>: the seed's lines on the AppHost's console too, where the user started it.</summary>
    private sealed partial class SeedEcho(IResource seed, ResourceLoggerService logs, IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
            try
            {
                var started = false;
                await foreach (var batch in logs.WatchAsync(seed).WithCancellation(stopping.Token))
                {
                    // Lines carry DCP's timestamp; Aspire's own waiting lines and DCP's [sys] lines stay in the dashboard.
                    foreach (var line in batch.Select(l => Timestamp().Replace(l.Content, "", 1)))
                    {
                        started |= line.StartsWith("[sys] Starting process", StringComparison.Ordinal);
                        if (started && !line.StartsWith("[sys]", StringComparison.Ordinal))
                        {
                            Console.WriteLine($"  seed: {line}");
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[\d:.]+Z ")]
        private static partial Regex Timestamp();
    }
}
