using System.Collections.Concurrent;

namespace Lake.Alarms;

/// <summary>
/// The measurements of Lake's metrics in this process, by metric name and time, kept for as long as the longest alarm
/// looks back: counter increments and gauge observations alike, each a (time, value) sample. Thread-safe.
/// </summary>
public sealed class MetricSeries(TimeSpan retention)
{
    private readonly ConcurrentDictionary<string, List<(DateTimeOffset At, double Value)>> _samples = new(StringComparer.Ordinal);

    public void Record(string metric, double value, DateTimeOffset at)
    {
        var samples = _samples.GetOrAdd(metric, _ => []);
        lock (samples)
        {
            samples.Add((at, value));
            samples.RemoveAll(s => s.At < at - retention);
        }
    }

    /// <summary>The statistic of the samples in [<paramref name="from"/>, <paramref name="to"/>), or null when there is none.</summary>
    public double? Statistic(string metric, AlarmStatistic statistic, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_samples.TryGetValue(metric, out var samples))
        {
            return null;
        }

        double[] values;
        lock (samples)
        {
            values = [.. samples.Where(s => s.At >= from && s.At < to).Select(s => s.Value)];
        }

        return values.Length == 0 ? null : statistic switch
        {
            AlarmStatistic.Sum => values.Sum(),
            AlarmStatistic.Maximum => values.Max(),
            AlarmStatistic.Minimum => values.Min(),
            AlarmStatistic.Average => values.Average(),
            _ => values.Length,
        };
    }
}
