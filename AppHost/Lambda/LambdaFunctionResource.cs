namespace Lake.AppHost.Lambda;

/// <summary>
/// A Lambda function run by the Lambda emulator (its parent): no process of its own in DCP, but configured into the
/// emulator (<c>LambdaEmulator__Functions__&lt;name&gt;__*</c>), which runs it behind the Runtime API and feeds it
/// from SQS. Its environment becomes the function's environment, as Lambda's function configuration. Shaped like
/// Aspire.Hosting.AWS's Lambda function resource, which this registry does not serve.
/// </summary>
internal sealed class LambdaFunctionResource(string name, ProjectResource emulator, string assemblyPath)
    : Resource(name), IResourceWithParent<ProjectResource>, IResourceWithEnvironment, IResourceWithWaitSupport
{
    public ProjectResource Parent { get; } = emulator;

    /// <summary>The function's built assembly, run as <c>dotnet &lt;dll&gt;</c> (a custom runtime).</summary>
    public string AssemblyPath { get; } = assemblyPath;

    public int TimeoutSeconds { get; set; } = 60;

    public int MemorySize { get; set; } = 512;

    public List<SqsEventSource> EventSources { get; } = [];
}

/// <summary>An SQS event source mapping, as Lambda's <c>CreateEventSourceMapping</c> takes it.</summary>
internal sealed record SqsEventSource(string QueueName, int BatchSize, int MaximumBatchingWindowInSeconds, bool ReportBatchItemFailures);
