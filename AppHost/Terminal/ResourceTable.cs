using Lake.AppHost.Orchestration;
using Lake.Dashboard;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Terminal;

/// <summary>The table printed once the lake is up: every resource with its state and URL, then how to use it.</summary>
internal static class ResourceTable
{
    public static void Print(LakeApp app, LakeEndpoints lake, DashboardServer? dashboard, TextWriter output)
    {
        var rows = app.GetResources()
            .Select(r => (r.Name, r.Type, State: r.State.ToString(), Url: r.Endpoints.FirstOrDefault()?.Url.ToString().TrimEnd('/') ?? Hosted(r)))
            .ToList();
        if (dashboard is not null)
        {
            rows.Add(("dashboard", "Dashboard", "Running", dashboard.Url.ToString().TrimEnd('/')));
        }

        var nameWidth = rows.Max(r => r.Name.Length);
        var typeWidth = rows.Max(r => r.Type.Length);
        var stateWidth = rows.Max(r => r.State.Length);

        output.WriteLine();
        output.WriteLine($"  {"resource".PadRight(nameWidth)}  {"type".PadRight(typeWidth)}  {"state".PadRight(stateWidth)}  url");
        foreach (var (name, type, state, url) in rows)
        {
            output.WriteLine($"  {name.PadRight(nameWidth)}  {type.PadRight(typeWidth)}  {state.PadRight(stateWidth)}  {url}");
        }

        output.WriteLine();
        output.WriteLine($"  AWS:        {Describe(lake.Aws)}");
        output.WriteLine($"  telemetry:  OTLP/HTTP to {lake.Telemetry.Otlp.ToString().TrimEnd('/')}");
        output.WriteLine($"  state:      {lake.State.Directory}");
        PrintLake(lake, output);
        PrintUsage(lake, output);
    }

    private static string Hosted(ResourceSnapshot resource) =>
        resource.Type == "Function" && resource.DependsOn.Count > 0 ? $"(runs in {resource.DependsOn[0]})" : "";

    private static string Describe(References.AwsTarget aws) => aws.Endpoint is null
        ? $"{aws.Mode} account, region {aws.Region}, the SDK credential chain"
        : $"{aws.Mode} at {aws.Endpoint.ToString().TrimEnd('/')}, region {aws.Region}, credentials {References.AwsTarget.EmulatorAccessKey}/{References.AwsTarget.EmulatorAccessKey}";

    private static void PrintLake(LakeEndpoints lake, TextWriter output)
    {
        var o = lake.Lake.Options;
        output.WriteLine($"  buckets:    {string.Join("  ", o.Buckets.All.Select(b => b.Name))}");
        output.WriteLine($"  queues:     {o.Queues.Validate.Name} (dlq {o.Queues.Validate.DeadLetterQueueName})  {o.Queues.Transform.Name} (dlq {o.Queues.Transform.DeadLetterQueueName})");
        output.WriteLine($"  alerts:     {o.AlertsTopic}   catalog: {o.GlueDatabase}   upload status: {o.StatusTable}");
    }

    private static void PrintUsage(LakeEndpoints lake, TextWriter output)
    {
        var ingest = lake.IngestApi.ToString().TrimEnd('/');
        output.WriteLine();
        output.WriteLine($"  ingest API key (x-api-key): {lake.State.IngestApiKey}");
        output.WriteLine($"    curl -H 'x-api-key: {lake.State.IngestApiKey}' {ingest}/v1/datasets");
        if (lake.Aws.Endpoint is { } endpoint)
        {
            var url = endpoint.ToString().TrimEnd('/');
            output.WriteLine("  point any AWS tool at the emulator:");
            output.WriteLine($"    export AWS_ENDPOINT_URL={url} AWS_REGION={lake.Aws.Region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test");
            output.WriteLine($"    aws --endpoint-url {url} s3 ls");
        }

        output.WriteLine();
    }
}
