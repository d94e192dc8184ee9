namespace Lake.LambdaEmulator.Functions;

/// <summary>The emulator's settings: the functions it runs (<c>LambdaEmulator__Functions__validate__Command</c>, ...).</summary>
public sealed class LambdaEmulatorOptions
{
    public const string SectionName = "LambdaEmulator";

    public Dictionary<string, FunctionOptions> Functions { get; set; } = [];
}

/// <summary>One function: how to start its process and how Lambda would run it.</summary>
public sealed class FunctionOptions
{
    /// <summary>The executable of the function's runtime (e.g. <c>dotnet</c> or an apphost).</summary>
    public string Command { get; set; } = "";

    public List<string> Arguments { get; set; } = [];

    public string? WorkingDirectory { get; set; }

    /// <summary>The function's environment variables, added to the AWS ones the emulator sets.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>Lambda's function timeout: an invocation still running then is failed and its process replaced.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public int MemorySize { get; set; } = 512;

    /// <summary>Processes (execution environments) kept running: how many invocations run at once.</summary>
    public int Concurrency { get; set; } = 1;

    public List<EventSourceMappingOptions> EventSourceMappings { get; set; } = [];
}

/// <summary>An SQS queue feeding the function, as Lambda's event source mapping does.</summary>
public sealed class EventSourceMappingOptions
{
    public string QueueName { get; set; } = "";

    public int BatchSize { get; set; } = 10;

    public int MaximumBatchingWindowInSeconds { get; set; }

    /// <summary><c>ReportBatchItemFailures</c> lets the function return only its failed messages to the queue.</summary>
    public List<string> FunctionResponseTypes { get; set; } = [];

    /// <summary>Overrides the queue's visibility timeout for received batches; keep it above the function timeout.</summary>
    public int? VisibilityTimeoutSeconds { get; set; }

    public bool Enabled { get; set; } = true;

    public bool ReportsBatchItemFailures => FunctionResponseTypes.Contains("ReportBatchItemFailures", StringComparer.Ordinal);
}
