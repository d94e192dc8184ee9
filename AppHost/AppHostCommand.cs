using Lake.AppHost.Aws;
using Lake.AppHost.Hosting;
using Lake.AppHost.Orchestration;
using Lake.AppHost.Seeding;
using Lake.AppHost.Telemetry;
using Lake.AppHost.Terminal;
using Lake.Configuration;
using Lake.Dashboard;
using Lake.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.AppHost;

/// <summary>Reads the settings, builds the graph, runs it until Ctrl+C or SIGTERM, and stops everything it started.</summary>
internal static class AppHostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (CommandLine.WantsHelp(args))
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        using var stop = new ShutdownSignal();
        LakeApp? app = null;
        DashboardServer? dashboard = null;
        try
        {
            var configuration = LakeConfiguration.Build(CommandLine.ToConfiguration(args));
            var options = ReadOptions(configuration);
            var lakeOptions = configuration.LakeOptions();
            LakeOptionsValidator.EnsureValid(lakeOptions);
            var state = LocalState.Prepare(options);

            var builder = new LakeAppBuilder(options);
            var lake = await builder.AddLakeAsync(lakeOptions, state, stop.Token);
            app = builder.Build();
            Console.WriteLine($"Starting the lake ({options.Mode}{(options.Clean ? ", clean" : "")}) ...");
            StatusPrinter.Attach(app, Console.Out);
            dashboard = await LakeDashboardHost.StartAsync(app, lake, stop.Token);
            await app.StartAsync(stop.Token);

            ResourceTable.Print(app, lake, dashboard, Console.Out);
            Console.WriteLine("The lake is running. Press Ctrl+C to stop.");
            var seeding = options.Seed ? SeedAsync(lake, stop.Token) : Task.CompletedTask;
            await Task.WhenAll(seeding, Task.Delay(Timeout.Infinite, stop.Token)).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsRequested)
        {
            Console.WriteLine("Stopped before the lake was up.");
            return 130;
        }
        catch (ResourceFailedException failure)
        {
            StatusPrinter.PrintFailure(failure, Console.Error);
            return 1;
        }
        catch (Exception ex) when (ex is AwsTargetException or PortUnavailableException or OptionsValidationException or FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"lake: {ex.Message}");
            return 1;
        }
        finally
        {
            if (app is not null)
            {
                Console.WriteLine("Stopping ...");
                await app.StopAsync();
                Console.WriteLine("Stopped.");
            }

            if (dashboard is not null)
            {
                await dashboard.DisposeAsync();
            }
        }
    }

    private static AppHostOptions ReadOptions(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value; say what would have been accepted.
            throw new InvalidOperationException($"{ex.Message} Modes: embedded, localstack, aws; ports: 0-65535; switches: true or false.", ex);
        }
    }

    private static async Task SeedAsync(LakeEndpoints lake, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await new SeedUploader(http, lake.IngestApi, lake.State.IngestApiKey, Console.Out)
                .RunAsync(Path.Combine(LakeProjects.RepositoryRoot, "seed-data"), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"  seed: failed: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
