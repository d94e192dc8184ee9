using System.Diagnostics.Metrics;

namespace Lake.Alarms.Tests;

/// <summary>An alarm fires when its condition holds over its evaluation periods, and not otherwise; each change is reported once.</summary>
[Trait("Category", "Unit")]
public class AlarmEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static readonly AlarmDefinition Errors = new("function-errors", "", "lake.function.errors",
        AlarmStatistic.Sum, AlarmComparison.GreaterThanThreshold, 0, 300, 1);

    private static readonly AlarmDefinition Depth = new("dead-letters", "", "lake.queue.dead_letters",
        AlarmStatistic.Maximum, AlarmComparison.GreaterThanThreshold, 0, 60, 2);

    [Fact]
    public void AnErrorInThePeriodRaisesTheAlarmOnceAndItClearsWhenThePeriodHoldsNone()
    {
        var series = new MetricSeries(TimeSpan.FromHours(1));
        var evaluator = new AlarmEvaluator([Errors], series);
        Assert.Empty(evaluator.Evaluate(T0));

        series.Record("lake.function.errors", 1, T0.AddSeconds(10));
        var raised = Assert.Single(evaluator.Evaluate(T0.AddSeconds(20)));
        Assert.Empty(evaluator.Evaluate(T0.AddSeconds(30)));
        var cleared = Assert.Single(evaluator.Evaluate(T0.AddSeconds(311)));

        Assert.Equal((AlarmState.OK, AlarmState.ALARM), (raised.OldState, raised.NewState));
        Assert.Contains("[1]", raised.Reason);
        Assert.Equal((AlarmState.ALARM, AlarmState.OK), (cleared.OldState, cleared.NewState));
        Assert.Equal(AlarmState.OK, evaluator.StateOf("function-errors"));
    }

    [Fact]
    public void NoDataAndValuesAtTheThresholdDoNotBreach()
    {
        var series = new MetricSeries(TimeSpan.FromHours(1));
        var evaluator = new AlarmEvaluator([Errors, Depth], series);
        series.Record("lake.function.errors", 0, T0.AddSeconds(1));
        series.Record("lake.queue.dead_letters", 0, T0.AddSeconds(1));
        series.Record("lake.queue.dead_letters", 0, T0.AddSeconds(61));
        series.Record("another.metric", 5, T0.AddSeconds(61));

        Assert.Empty(evaluator.Evaluate(T0.AddSeconds(100)));
        Assert.Equal(AlarmState.OK, evaluator.StateOf("dead-letters"));
    }

    [Fact]
    public void EveryEvaluationPeriodMustBreachBeforeTheAlarmFires()
    {
        var series = new MetricSeries(TimeSpan.FromHours(1));
        var evaluator = new AlarmEvaluator([Depth], series);

        series.Record("lake.queue.dead_letters", 3, T0.AddSeconds(70));
        Assert.Empty(evaluator.Evaluate(T0.AddSeconds(90)));   // the period before holds no data
        series.Record("lake.queue.dead_letters", 2, T0.AddSeconds(125));
        var raised = Assert.Single(evaluator.Evaluate(T0.AddSeconds(185)));

        Assert.Equal(AlarmState.ALARM, raised.NewState);
        Assert.Contains("[3, 2]", raised.Reason);
    }

    [Theory]
    [InlineData(AlarmComparison.GreaterThanThreshold, 5, false)]
    [InlineData(AlarmComparison.GreaterThanOrEqualToThreshold, 5, true)]
    [InlineData(AlarmComparison.LessThanThreshold, 4, true)]
    [InlineData(AlarmComparison.LessThanOrEqualToThreshold, 6, false)]
    public void EachComparisonComparesAsCloudWatchsDoes(AlarmComparison comparison, double value, bool breaches) =>
        Assert.Equal(breaches, (Errors with { Comparison = comparison, Threshold = 5 }).Breaches(value));

    [Fact]
    public void TheListenerRecordsCountersAndGaugesOfLakeMetersOnly()
    {
        var clock = new ManualClock(T0);
        var series = new MetricSeries(TimeSpan.FromHours(1));
        using var lake = new Meter("Lake.AlarmTests." + Guid.NewGuid().ToString("N"));
        using var other = new Meter("Other." + Guid.NewGuid().ToString("N"));
        var errors = lake.CreateCounter<long>("lake.function.errors");
        var otherErrors = other.CreateCounter<long>("lake.function.errors");
        var depth = 4;
        lake.CreateObservableGauge("lake.queue.dead_letters", () => depth);
        using var listener = new MetricsListener(series, ["lake.function.errors", "lake.queue.dead_letters"], clock);

        errors.Add(2);
        otherErrors.Add(100);
        listener.Observe();

        Assert.Equal(2, series.Statistic("lake.function.errors", AlarmStatistic.Sum, T0, T0.AddSeconds(1)));
        Assert.Equal(4, series.Statistic("lake.queue.dead_letters", AlarmStatistic.Maximum, T0, T0.AddSeconds(1)));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
