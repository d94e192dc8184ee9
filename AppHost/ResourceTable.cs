using Lake.Provisioning;

namespace Lake.AppHost;

internal static class ResourceTable
{
    public static void Print(Uri endpoint, string region, ProvisioningReport report, TextWriter output)
    {
        var endpointText = endpoint.ToString().TrimEnd('/');
        output.WriteLine();
        output.WriteLine($"  AWS emulator   {endpointText}  (region {region}, credentials test/test)");
        var kindWidth = report.Resources.Max(r => r.Kind.Length);
        foreach (var resource in report.Resources)
        {
            output.WriteLine($"  {resource.Kind.PadRight(kindWidth)}  {resource.Name}  [{resource.Action.ToString().ToLowerInvariant()}]");
        }

        output.WriteLine();
        output.WriteLine("  Point any AWS tool at it:");
        output.WriteLine($"    export AWS_ENDPOINT_URL={endpointText} AWS_REGION={region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test");
        output.WriteLine($"    aws --endpoint-url {endpointText} s3 ls");
        output.WriteLine();
    }
}
