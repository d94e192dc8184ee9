using Lake.Configuration;
using Lake.Processes;
using Lake.Provisioning;
using Microsoft.Extensions.Options;

namespace Lake.Provisioner;

/// <summary>Reads configuration (appsettings.json, then <c>Lake__*</c> environment, then arguments), provisions, prints the report.</summary>
internal static class ProvisionerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new ShutdownSignal();

        try
        {
            var options = LakeConfiguration.Build(args).LakeOptions();
            using var clients = new LakeAwsClients();
            var report = await new LakeProvisioner(options, clients).ProvisionAsync(stop.Token);
            ReportPrinter.Print(report, clients.Region, Console.Out);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsRequested)
        {
            Console.Error.WriteLine("provisioning cancelled: resources created so far are kept; run it again to finish.");
            return 130;
        }
        catch (Exception ex) when (ex is OptionsValidationException or ProvisioningException or Lake.Contracts.ContractException or Lake.Aws.AwsServiceException
            or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or InvalidOperationException)
        {
            Console.Error.WriteLine($"provisioning failed: {ex.Message}");
            return 1;
        }
    }
}
