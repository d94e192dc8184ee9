using Lake.Aws.Sqs;
using Lake.LambdaEmulator.Functions;

namespace Lake.LambdaEmulator.EventSources;

/// <summary>Runs a poller per function process for every enabled SQS event source mapping.</summary>
internal sealed class EventSourceMappingHost(FunctionRegistry registry, IConfiguration configuration, ILogger<EventSourceMappingHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pollers = new List<Task>();
        using var sqs = new SqsClient();
        foreach (var function in registry.All)
        {
            foreach (var mapping in function.Options.EventSourceMappings.Where(m => m.Enabled))
            {
                // As many batches in flight as the function has processes, like Lambda scaling up to its concurrency.
                for (var i = 0; i < function.Options.Concurrency; i++)
                {
                    var poller = new SqsPoller(sqs, function, mapping, configuration.Region(), logger);
                    pollers.Add(poller.RunAsync(stoppingToken));
                }
            }
        }

        await Task.WhenAll(pollers);
    }
}
