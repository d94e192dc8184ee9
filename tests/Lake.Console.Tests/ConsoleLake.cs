using Lake.Testing;
using Lake.Testing.Browser;

namespace Lake.Console.Tests;

/// <summary>
/// One moto_server, one provisioned lake, a real query service over it and one console (state in a temp
/// directory), shared by the collection's tests, which run one after another. Tests that need a lake of their own
/// (a restart, a bad setting) make one on <see cref="Emulator"/>.
/// </summary>
public sealed class ConsoleLake : IAsyncLifetime
{
    public const string CollectionName = "console lake";

    private readonly EmulatorFixture _emulator = new();
    private TestLake? _lake;
    private ServiceProcess? _query;
    private ConsoleProcess? _console;

    public EmulatorFixture Emulator => _emulator;

    public TestLake Lake => _lake ?? throw new InvalidOperationException("Not started.");

    public ConsoleProcess Console => _console ?? throw new InvalidOperationException("Not started.");

    public Uri QueryUrl => _query?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), TestNames.Unique("console-state"));

    /// <summary>The query service's key, which the console sends (<c>Console__QueryApiKey</c>).</summary>
    public const string QueryApiKey = "console-test-query-key-0123456789";

    private string QueryCache { get; } = Path.Combine(Path.GetTempPath(), TestNames.Unique("query-cache"));

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        _lake = new TestLake(_emulator);
        await _lake.Provisioner.ProvisionAsync();
        _query = await ServiceProcess.StartAsync("services/Lake.QueryService", new Dictionary<string, string>(_emulator.AwsEnvironment)
        {
            ["Lake__Buckets__Curated"] = _lake.Options.Buckets.Curated,
            ["Lake__GlueDatabase"] = _lake.Options.GlueDatabase,
            ["Query__CacheDirectory"] = QueryCache,
            ["Query__ApiKeys__0"] = QueryApiKey,
        });
        // As Aspire's .WithReference(query) gives it.
        _console = await ConsoleProcess.StartAsync(_emulator, _lake, new Dictionary<string, string>
        {
            ["services__query__http__0"] = _query.BaseAddress.ToString(),
            ["Console__StateDirectory"] = StateDirectory,
            ["Console__QueryApiKey"] = QueryApiKey,
        });
    }

    /// <summary>The messages a queue holds, waiting and in flight, as the AWS CLI counts them.</summary>
    public async Task<int> DepthAsync(string queueName)
    {
        var url = await QueueUrlAsync(queueName);
        var attributes = (await _emulator.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All"))!.Value.GetProperty("Attributes");
        return int.Parse(attributes.GetProperty("ApproximateNumberOfMessages").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string> QueueUrlAsync(string name) =>
        (await _emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", name))!.Value.GetProperty("QueueUrl").GetString()!;

    /// <summary>Empties a queue, then puts <paramref name="bodies"/> in it, with the AWS CLI.</summary>
    public async Task FillAsync(string queueName, params string[] bodies)
    {
        var url = await QueueUrlAsync(queueName);
        await _emulator.Cli.RunAsync("sqs", "purge-queue", "--queue-url", url);
        foreach (var batch in bodies.Chunk(10))
        {
            var entries = System.Text.Json.JsonSerializer.Serialize(batch.Select((body, i) => new { Id = $"m{i}", MessageBody = body }));
            await _emulator.Cli.RunAsync("sqs", "send-message-batch", "--queue-url", url, "--entries", entries);
        }
    }

    public async Task DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.DisposeAsync();
        }

        if (_query is not null)
        {
            await _query.DisposeAsync();
        }

        _lake?.Dispose();
        await _emulator.DisposeAsync();
        foreach (var directory in new[] { StateDirectory, QueryCache }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

[CollectionDefinition(ConsoleLake.CollectionName)]
public sealed class ConsoleLakeCollection : ICollectionFixture<ConsoleLake>, ICollectionFixture<ChromiumFixture>;

/// <summary>Polls until a probe returns a value.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}
