using Lake.Testing;

namespace Lake.LambdaEmulator.Tests;

/// <summary>
/// The Lambda emulator as a real process over the shared moto_server, running the test function as:
/// <c>direct</c> (Invoke API only, 3 s timeout), <c>batch</c> (fed by a queue, ReportBatchItemFailures),
/// and <c>crashy</c> (fed by another queue; its messages may crash the process).
/// </summary>
public sealed class LambdaEmulatorFixture : IAsyncLifetime
{
    private readonly EmulatorFixture _aws = new();

    public EmulatorFixture Aws => _aws;

    public ServiceProcess Emulator { get; private set; } = null!;

    public string BatchQueue { get; } = TestNames.Unique("batch");

    public string CrashyQueue { get; } = TestNames.Unique("crashy");

    /// <summary>Where the functions write the bodies they handled.</summary>
    public string HandledLog { get; } = Path.Combine(Path.GetTempPath(), $"{TestNames.Unique("handled")}.log");

    /// <summary>The AWS CLI pointed at the Lambda emulator (and at moto for everything else).</summary>
    public AwsCli LambdaCli => new(Emulator.BaseAddress, EmulatorFixture.Region, EmulatorFixture.AccessKey, EmulatorFixture.SecretKey);

    public async Task InitializeAsync()
    {
        await _aws.InitializeAsync();
        foreach (var queue in new[] { BatchQueue, CrashyQueue })
        {
            await CreateQueueWithDeadLetterQueueAsync(queue);
        }

        var testFunction = RepoPaths.BuiltAssembly("tests/Lake.LambdaEmulator.TestFunction");
        var environment = new Dictionary<string, string>(_aws.AwsEnvironment);
        foreach (var (name, timeout, queue) in new[] { ("direct", 3, (string?)null), ("batch", 10, BatchQueue), ("crashy", 10, CrashyQueue) })
        {
            var prefix = $"LambdaEmulator__Functions__{name}__";
            environment[prefix + "Command"] = "dotnet";
            environment[prefix + "Arguments__0"] = testFunction;
            environment[prefix + "TimeoutSeconds"] = timeout.ToString();
            environment[prefix + "MemorySize"] = "256";
            environment[prefix + "Environment__TEST_FUNCTION_LOG"] = HandledLog;
            if (queue is not null)
            {
                environment[prefix + "EventSourceMappings__0__QueueName"] = queue;
                environment[prefix + "EventSourceMappings__0__BatchSize"] = "5";
                environment[prefix + "EventSourceMappings__0__MaximumBatchingWindowInSeconds"] = "1";
                environment[prefix + "EventSourceMappings__0__FunctionResponseTypes__0"] = "ReportBatchItemFailures";
            }
        }

        Emulator = await ServiceProcess.StartAsync("services/Lake.LambdaEmulator", environment);
    }

    public async Task<string> QueueUrlAsync(string name) =>
        (await _aws.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", name))!.Value.GetProperty("QueueUrl").GetString()!;

    public async Task<IReadOnlyList<string>> HandledAsync() =>
        File.Exists(HandledLog) ? (await File.ReadAllLinesAsync(HandledLog)).ToList() : [];

    private async Task CreateQueueWithDeadLetterQueueAsync(string name)
    {
        var dlq = (await _aws.Cli.RunAsync("sqs", "create-queue", "--queue-name", $"{name}-dlq"))!.Value.GetProperty("QueueUrl").GetString()!;
        var dlqArn = (await _aws.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", dlq, "--attribute-names", "QueueArn"))!
            .Value.GetProperty("Attributes").GetProperty("QueueArn").GetString();

        // A short visibility timeout so failed messages come back within the test's patience.
        var attributes = $$"""{"VisibilityTimeout":"2","RedrivePolicy":"{\"deadLetterTargetArn\":\"{{dlqArn}}\",\"maxReceiveCount\":\"3\"}"}""";
        await _aws.Cli.RunAsync("sqs", "create-queue", "--queue-name", name, "--attributes", attributes);
    }

    public async Task DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        await _aws.DisposeAsync();
        File.Delete(HandledLog);
    }
}

[CollectionDefinition(Name)]
public sealed class LambdaEmulatorCollection : ICollectionFixture<LambdaEmulatorFixture>
{
    public const string Name = "lambda-emulator";
}
