using Lake.Provisioning;

namespace Lake.Provisioner;

internal static class ReportPrinter
{
    public static void Print(ProvisioningReport report, string region, TextWriter output)
    {
        var kindWidth = report.Resources.Max(r => r.Kind.Length);
        var nameWidth = report.Resources.Max(r => r.Name.Length);
        foreach (var resource in report.Resources)
        {
            output.WriteLine($"{resource.Action,-9}  {resource.Kind.PadRight(kindWidth)}  {resource.Name.PadRight(nameWidth)}  {resource.Identifier}");
        }

        var created = report.Resources.Count(r => r.Action == ProvisioningAction.Created);
        var updated = report.Resources.Count(r => r.Action == ProvisioningAction.Updated);
        output.WriteLine($"{report.Resources.Count} resources in {region}: {created} created, {updated} updated, {report.Resources.Count - created - updated} unchanged.");
    }
}
