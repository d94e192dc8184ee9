using System.Globalization;
using System.Text.Json.Nodes;
using Lake.Alarms;
using Lake.Aws.Sns;
using Lake.TransformService.Queue;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Monitoring;

/// <summary>
/// Evaluates the alarms of <c>infra/alarms.yaml</c> locally, as CloudWatch does on AWS: every interval it reads the
/// dead-letter queues' depths, then evaluates each alarm over the metrics this process's <c>Lake.*</c> meters recorded,
/// and publishes every OK → ALARM and ALARM → OK to the alerts topic (type <c>alarm.state-change</c>, the fields of a
/// CloudWatch alarm notification), so the console's alerts inbox shows them.
/// </summary>
internal sealed class AlarmWorker(
    DeadLetterDepth deadLetters,
    SnsClient sns,
    QueueAddresses addresses,
    IOptions<AlarmOptions> options,
    TimeProvider time,
    ILogger<AlarmWorker> logger) : BackgroundService
{
    public const string StateChangeAlert = "alarm.state-change";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var alarms = AlarmDefinitions.Load(options.Value.File);
        var retention = alarms.Select(a => a.Period * a.EvaluationPeriods).DefaultIfEmpty(TimeSpan.Zero).Max();
        var series = new MetricSeries(retention);
        using var listener = new MetricsListener(series, alarms.Select(a => a.Metric), time);
        var evaluator = new AlarmEvaluator(alarms, series);
        logger.LogInformation("Evaluating {Count} alarms every {Interval} s: {Alarms}", alarms.Count, options.Value.EvaluationIntervalSeconds,
            string.Join("; ", alarms.Select(a => $"{a.Name}: {a.Condition}")));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EvaluationIntervalSeconds), time);
        try
        {
            do
            {
                await EvaluateAsync(listener, evaluator, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EvaluateAsync(MetricsListener listener, AlarmEvaluator evaluator, CancellationToken stoppingToken)
    {
        foreach (var (queue, error) in await deadLetters.ReadAsync(stoppingToken))
        {
            logger.LogWarning("Dead-letter queue {Queue} could not be read: {Error}", queue, error);
        }

        listener.Observe();
        foreach (var transition in evaluator.Evaluate(time.GetUtcNow()))
        {
            logger.Log(transition.NewState == AlarmState.ALARM ? LogLevel.Warning : LogLevel.Information,
                "Alarm {Alarm} {OldState} -> {NewState}: {Reason}", transition.Alarm.Name, transition.OldState, transition.NewState, transition.Reason);
            await PublishAsync(transition, stoppingToken);
        }
    }

    /// <summary>Publishes one transition; an alert that cannot be sent now is logged (the state stays changed, as CloudWatch's does).</summary>
    private async Task PublishAsync(AlarmTransition transition, CancellationToken stoppingToken)
    {
        if (!addresses.IsResolved)
        {
            logger.LogWarning("Alarm {Alarm} is {State} but the alerts topic is not resolved yet: not published", transition.Alarm.Name, transition.NewState);
            return;
        }

        var alarm = transition.Alarm;
        try
        {
            await sns.PublishAsync(new PublishRequest
            {
                TopicArn = addresses.AlertsTopicArn,
                Subject = $"{transition.NewState}: \"{alarm.Name}\"",
                Message = new JsonObject
                {
                    ["type"] = StateChangeAlert,
                    ["AlarmName"] = alarm.Name,
                    ["AlarmDescription"] = alarm.Description,
                    ["NewStateValue"] = transition.NewState.ToString(),
                    ["OldStateValue"] = transition.OldState.ToString(),
                    ["NewStateReason"] = transition.Reason,
                    ["StateChangeTime"] = transition.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                    ["Trigger"] = new JsonObject
                    {
                        ["MetricName"] = alarm.Metric,
                        ["Statistic"] = alarm.Statistic.ToString(),
                        ["Period"] = alarm.PeriodSeconds,
                        ["EvaluationPeriods"] = alarm.EvaluationPeriods,
                        ["ComparisonOperator"] = alarm.Comparison.ToString(),
                        ["Threshold"] = alarm.Threshold,
                    },
                }.ToJsonString(),
                MessageAttributes = { ["type"] = new MessageAttributeValue { StringValue = StateChangeAlert } },
            }, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Could not publish alarm {Alarm} {State}: {Error}", alarm.Name, transition.NewState, ex.Message);
        }
    }
}
