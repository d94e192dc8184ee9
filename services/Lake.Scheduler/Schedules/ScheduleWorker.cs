using Microsoft.Extensions.Options;

namespace Lake.Scheduler.Schedules;

/// <summary>
/// Fires every schedule at its fire times: one loop per dataset waits for the next fire time, then invokes the
/// function with that time as the scheduled time (a late wake-up still sends the exact fire time, so the run's window
/// and its idempotency key are the schedule's). Paused, it only publishes the next fire times.
/// </summary>
public sealed class ScheduleWorker(ScheduleBook book, FunctionInvoker invoker, IOptions<SchedulerOptions> options, TimeProvider clock, ILogger<ScheduleWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(book.Schedules.Select(s => RunScheduleAsync(s.Key, s.Value, stoppingToken)));

    private async Task RunScheduleAsync(string dataset, Lake.Contracts.Sources.ScheduleExpression schedule, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.Next(clock.GetUtcNow());
                book.Next(dataset, next);
                logger.LogInformation("Next run of {Dataset} ({Expression}) at {NextRun:O}{Paused}", dataset, schedule.Text, next, options.Value.Paused ? " (paused: it will not fire)" : "");
                var wait = next - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }

                if (!options.Value.Paused)
                {
                    await invoker.RunAsync(dataset, next, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
