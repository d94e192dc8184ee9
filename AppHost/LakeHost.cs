using Amazon.Runtime;
using Lake.Aws;
using Lake.AwsEmulator;
using Lake.Configuration;
using Lake.Processes;
using Lake.Provisioning;
using Microsoft.Extensions.Configuration;

namespace Lake.AppHost;

/// <summary>
/// Starts the lake in dependency order: the AWS emulator, then provisioning. Stops everything on
/// Ctrl+C or SIGTERM. (The Lambda emulator, services and dashboard join as they are built.)
/// </summary>
internal static class LakeHost
{
    private const string Region = "us-east-1";

    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new ShutdownSignal();
        var configuration = LakeConfiguration.Build(args);
        var host = configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new();
        var lake = configuration.LakeOptions();

        try
        {
            Console.WriteLine($"Starting the AWS emulator (moto_server) on 127.0.0.1:{host.EmulatorPort} ...");
            await using var emulator = await MotoServer.StartAsync(new MotoServerOptions { Port = host.EmulatorPort }, stop.Token);

            using var clients = new LakeAwsClients(new AwsClientOptions
            {
                Region = Region,
                ServiceUrl = emulator.Endpoint,
                Credentials = new BasicAWSCredentials("test", "test"),
            });
            var report = await new LakeProvisioner(lake, clients).ProvisionAsync(stop.Token);

            ResourceTable.Print(emulator.Endpoint, Region, report, Console.Out);
            Console.WriteLine("The lake is running. Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Console.WriteLine("Stopping ...");
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsRequested)
        {
            Console.WriteLine("Stopped before the lake was up.");
            return 130;
        }
        catch (Exception ex) when (ex is AwsEmulatorException or ProvisioningException or AwsServiceException
            or AmazonServiceException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            Console.Error.WriteLine($"lake: {ex.Message}");
            return 1;
        }
    }
}
