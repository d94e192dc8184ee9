using System.Diagnostics;
using Amazon.SQS.Model;
using Lake.Dashboard.Aws;
using Lake.Dashboard.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lake.Dashboard.Alerts;

/// <summary>Whether the inbox is reading, and what it holds.</summary>
public sealed record InboxState(string Queue, bool Reading, string? Problem, int Held, int Capacity);

/// <summary>
/// Reads the alerts inbox queue (subscribed to the alerts topic) and keeps the newest alerts in memory and, with a
/// state directory, in its <see cref="AlertJournal"/>. A message is deleted from the queue only once it is held (and
/// journaled), so an alert is never lost between the two; the same SNS message delivered twice is kept once. Past
/// the capacity the oldest alerts are dropped; a restarted dashboard starts with what the journal kept.
/// </summary>
internal sealed partial class AlertInbox(QueueDirectory queues, DashboardOptions options, ILogger<AlertInbox> logger) : BackgroundService
{
    public const int Capacity = 1000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly RingBuffer<Alert> _alerts = new(Capacity);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly AlertJournal _journal = new(options.StateDirectory, Capacity);
    private volatile string? _problem = "not started";

    private string QueueName => options.Lake.AlertsInbox;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Alert> Alerts => _alerts.NewestFirst();

    public InboxState State => new(QueueName, _problem is null, _problem, _alerts.NewestFirst().Count, Capacity);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var alert in _journal.Load())
        {
            Hold(alert);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queues.FindUrlAsync(QueueName, stoppingToken) is not { } url)
                {
                    Report($"queue {QueueName} does not exist yet");
                    await Task.Delay(RetryDelay, stoppingToken);
                    continue;
                }

                _problem = null;
                await ReceiveAsync(url, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The emulator may not be up yet, or went away: keep trying, say why on the page.
                Report(ex.Message);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ReceiveAsync(string url, CancellationToken cancellationToken)
    {
        var received = await queues.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 2,
        }, cancellationToken);
        if (received.Messages is not { Count: > 0 })
        {
            return;
        }

        using var activity = DashboardActivities.Source.StartActivity("alerts.receive", ActivityKind.Consumer);
        activity?.SetTag("messaging.destination.name", QueueName);
        activity?.SetTag("messaging.batch.message_count", received.Messages.Count);
        var held = new List<Alert>();
        foreach (var message in received.Messages)
        {
            if (Alert.FromSnsEnvelope(message.Body, DateTimeOffset.UtcNow) is { } alert)
            {
                if (Hold(alert))
                {
                    held.Add(alert);
                }
            }
            else
            {
                LogNotAnAlert(logger, QueueName, message.MessageId);
            }
        }

        // Held and journaled first, deleted second: a crash in between shows the alert again, never loses it.
        await _journal.AppendAsync(held, _alerts.NewestFirst(), cancellationToken);
        await queues.Sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = url,
            Entries = [.. received.Messages.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle })],
        }, cancellationToken);
    }

    /// <summary>False when the alert was held already (SNS delivers at least once).</summary>
    private bool Hold(Alert alert)
    {
        lock (_seen)
        {
            if (!_seen.Add(alert.Id))
            {
                return false;
            }

            if (_seen.Count > Capacity * 2)
            {
                // Ids of alerts long dropped from the buffer need not be remembered.
                _seen.IntersectWith(_alerts.NewestFirst().Select(a => a.Id).Append(alert.Id));
            }
        }

        _alerts.Add(alert);
        return true;
    }

    private void Report(string problem)
    {
        if (_problem != problem)
        {
            LogNotReading(logger, QueueName, problem);
        }

        _problem = problem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alerts inbox {Queue} is not being read: {Problem}")]
    private static partial void LogNotReading(ILogger logger, string queue, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not an SNS notification; it was dropped")]
    private static partial void LogNotAnAlert(ILogger logger, string queue, string messageId);
}
