namespace Lake.Alarms;

/// <summary>How a period's statistic is compared with the threshold (CloudWatch's <c>ComparisonOperator</c>).</summary>
public enum AlarmComparison
{
    GreaterThanThreshold,
    GreaterThanOrEqualToThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
}

/// <summary>What one period of a metric is reduced to (CloudWatch's <c>Statistic</c>).</summary>
public enum AlarmStatistic
{
    Sum,
    Maximum,
    Minimum,
    Average,
    SampleCount,
}

/// <summary>An alarm's state, named as CloudWatch names them.</summary>
public enum AlarmState
{
    OK,
    ALARM,
}

/// <summary>
/// One alarm, declared once in <c>infra/alarms.yaml</c>: it is in ALARM when the metric's <see cref="Statistic"/> over
/// each of the last <see cref="EvaluationPeriods"/> periods of <see cref="PeriodSeconds"/> compares true with the
/// <see cref="Threshold"/>. A period without data does not breach (CloudWatch's <c>TreatMissingData: notBreaching</c>).
/// </summary>
/// <param name="Name">The alarm's name, e.g. <c>function-errors</c>; CloudWatch's AlarmName is <c>{prefix}{Name}</c>.</param>
/// <param name="Metric">The OpenTelemetry metric, e.g. <c>lake.function.errors</c>.</param>
/// <param name="CloudWatch">How the same alarm reads on AWS, when it is not Lake's own metric (e.g. <c>AWS/SQS ApproximateNumberOfMessagesVisible</c>).</param>
public sealed record AlarmDefinition(
    string Name,
    string Description,
    string Metric,
    AlarmStatistic Statistic,
    AlarmComparison Comparison,
    double Threshold,
    int PeriodSeconds,
    int EvaluationPeriods,
    string? CloudWatch = null)
{
    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    /// <summary>Whether one period's value breaches the threshold.</summary>
    public bool Breaches(double value) => Comparison switch
    {
        AlarmComparison.GreaterThanThreshold => value > Threshold,
        AlarmComparison.GreaterThanOrEqualToThreshold => value >= Threshold,
        AlarmComparison.LessThanThreshold => value < Threshold,
        _ => value <= Threshold,
    };

    /// <summary>The condition in words, for alerts: <c>lake.function.errors Sum &gt; 0 for 1 period(s) of 300 s</c>.</summary>
    public string Condition => $"{Metric} {Statistic} {Comparison switch
    {
        AlarmComparison.GreaterThanThreshold => ">",
        AlarmComparison.GreaterThanOrEqualToThreshold => ">=",
        AlarmComparison.LessThanThreshold => "<",
        _ => "<=",
    }} {Threshold} for {EvaluationPeriods} period(s) of {PeriodSeconds} s";
}
