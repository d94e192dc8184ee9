namespace Lake.Alarms;

/// <summary>A change of an alarm's state, with why, as CloudWatch reports one.</summary>
public sealed record AlarmTransition(AlarmDefinition Alarm, AlarmState OldState, AlarmState NewState, string Reason, DateTimeOffset At);

/// <summary>
/// Evaluates alarms over a <see cref="MetricSeries"/> as CloudWatch does: the last <c>EvaluationPeriods</c> whole
/// periods before now, each reduced to the alarm's statistic; ALARM when every one breaches, OK otherwise (a period
/// without data does not breach). Every alarm starts OK; <see cref="Evaluate"/> returns the alarms whose state changed.
/// </summary>
public sealed class AlarmEvaluator(IReadOnlyList<AlarmDefinition> alarms, MetricSeries metrics)
{
    private readonly Dictionary<string, AlarmState> _states = alarms.ToDictionary(a => a.Name, _ => AlarmState.OK);

    public IReadOnlyList<AlarmDefinition> Alarms => alarms;

    public AlarmState StateOf(string alarm) => _states[alarm];

    public IReadOnlyList<AlarmTransition> Evaluate(DateTimeOffset now)
    {
        var transitions = new List<AlarmTransition>();
        lock (_states)
        {
            foreach (var alarm in alarms)
            {
                var values = Periods(alarm, now).Select(p => metrics.Statistic(alarm.Metric, alarm.Statistic, p.From, p.To)).ToList();
                var breaching = values.All(v => v is { } value && alarm.Breaches(value));
                var state = breaching ? AlarmState.ALARM : AlarmState.OK;
                if (state != _states[alarm.Name])
                {
                    transitions.Add(new AlarmTransition(alarm, _states[alarm.Name], state, Reason(alarm, values, breaching), now));
                    _states[alarm.Name] = state;
                }
            }
        }

        return transitions;
    }

    /// <summary>The last evaluation periods, oldest first; the newest ends at <paramref name="now"/>.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Periods(AlarmDefinition alarm, DateTimeOffset now) =>
        Enumerable.Range(0, alarm.EvaluationPeriods).Reverse().Select(i => (now - (alarm.Period * (i + 1)), now - (alarm.Period * i)));

    private static string Reason(AlarmDefinition alarm, List<double?> values, bool breaching)
    {
        var points = string.Join(", ", values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no data"));
        return $"Threshold Crossed: {values.Count} datapoint(s) [{points}] {(breaching ? "were" : "were not all")} {alarm.Comparison} {alarm.Threshold}.";
    }
}
