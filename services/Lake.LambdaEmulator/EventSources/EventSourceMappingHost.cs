using Amazon.SQS;
using Lake.LambdaEmulator.Functions;

namespace Lake.LambdaEmulator.EventSources;

/// <summary>
/// Runs a poller per function process for every enabled SQS event source mapping. The SQS client is built only when
/// a mapping needs it: building the SDK's client resolves credentials, which an emulator serving only the Invoke API
/// need not have.
/// </summary>
internal sealed class EventSourceMappingHost(FunctionRegistry registry, Lazy<IAmazonSQS> sqs, IConfiguration configuration, ILogger<EventSourceMappingHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pollers = new List<Task>();
        foreach (var function in registry.All)
        {
            foreach (var mapping in function.Options.EventSourceMappings.Where(m => m.Enabled))
            {
                // As many batches in flight as the function has processes, like Lambda scaling up to its concurrency.
                for (var i = 0; i < function.Options.Concurrency; i++)
                {
                    var poller = new SqsPoller(sqs.Value, function, mapping, configuration.Region(), logger);
                    pollers.Add(poller.RunAsync(stoppingToken));
                }
            }
        }

        await Task.WhenAll(pollers);
    }
}
