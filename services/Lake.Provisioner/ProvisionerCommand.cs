using Lake.Configuration;
using Lake.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.Provisioner;

/// <summary>Reads configuration (appsettings.json, then <c>Lake__*</c> environment, then arguments), provisions, prints the report.</summary>
internal static class ProvisionerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        try
        {
            var options = LoadOptions(args);
            using var clients = new LakeAwsClients();
            var report = await new LakeProvisioner(options, clients).ProvisionAsync(stop.Token);
            ReportPrinter.Print(report, clients.Region, Console.Out);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("provisioning cancelled: resources created so far are kept; run it again to finish.");
            return 130;
        }
        catch (Exception ex) when (ex is OptionsValidationException or ProvisioningException or Lake.Aws.AwsServiceException
            or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or InvalidOperationException)
        {
            Console.Error.WriteLine($"provisioning failed: {ex.Message}");
            return 1;
        }
    }

    private static LakeOptions LoadOptions(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = new LakeOptions();
        configuration.GetSection(LakeOptions.SectionName).Bind(options);
        return options;
    }
}
