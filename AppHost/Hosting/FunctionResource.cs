using System.Globalization;

namespace Lake.AppHost.Hosting;

/// <summary>
/// A Lambda function: no process of the AppHost's own, but configured into its host, the Lambda emulator
/// (<c>LambdaEmulator__Functions__&lt;name&gt;__*</c>), which runs it behind the Runtime API and feeds it from SQS.
/// Its environment (its references) becomes the function's environment, as Lambda's function configuration.
/// </summary>
internal sealed class FunctionResource : LakeResource
{
    public FunctionResource(string name, LakeProject project, ProjectResource host)
        : base(name)
    {
        Project = project;
        Host = host;
        host.Environment.Add((_, environment) => ConfigureHost(environment));
    }

    public override string Type => "Function";

    public LakeProject Project { get; }

    public ProjectResource Host { get; }

    public int TimeoutSeconds { get; set; } = 60;

    public int MemorySize { get; set; } = 512;

    public List<SqsEventSource> EventSources { get; } = [];

    private void ConfigureHost(IDictionary<string, string?> host)
    {
        var prefix = $"LambdaEmulator__Functions__{Name}__";
        host[prefix + "Command"] = DotnetHost.Path;
        host[prefix + "Arguments__0"] = Project.EnsureBuilt();
        host[prefix + "WorkingDirectory"] = Project.OutputDirectory;
        host[prefix + "TimeoutSeconds"] = Text(TimeoutSeconds);
        host[prefix + "MemorySize"] = Text(MemorySize);
        foreach (var (key, value) in BuildEnvironment())
        {
            if (value is not null)
            {
                host[$"{prefix}Environment__{key}"] = value;
            }
        }

        for (var i = 0; i < EventSources.Count; i++)
        {
            var source = EventSources[i];
            var mapping = $"{prefix}EventSourceMappings__{Text(i)}__";
            host[mapping + "QueueName"] = source.QueueName;
            host[mapping + "BatchSize"] = Text(source.BatchSize);
            host[mapping + "MaximumBatchingWindowInSeconds"] = Text(source.MaximumBatchingWindowInSeconds);
            // Lambda's advice: a queue's visibility timeout well above the function timeout, or a slow batch is redelivered mid-run.
            host[mapping + "VisibilityTimeoutSeconds"] = Text(TimeoutSeconds + 30);
            if (source.ReportBatchItemFailures)
            {
                host[mapping + "FunctionResponseTypes__0"] = "ReportBatchItemFailures";
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An SQS event source mapping, as Lambda's <c>CreateEventSourceMapping</c> takes it.</summary>
internal sealed record SqsEventSource(string QueueName, int BatchSize, int MaximumBatchingWindowInSeconds, bool ReportBatchItemFailures);
