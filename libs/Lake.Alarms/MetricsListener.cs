using System.Diagnostics.Metrics;

namespace Lake.Alarms;

/// <summary>
/// Listens to this process's <c>Lake.*</c> meters (the same instruments OpenTelemetry exports) and records the
/// measurements of the metrics the alarms name into a <see cref="MetricSeries"/>: a counter's increments, a gauge's
/// observations, a histogram's values.
/// </summary>
public sealed class MetricsListener : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricsListener(MetricSeries series, IEnumerable<string> metrics, TimeProvider time)
    {
        var names = metrics.ToHashSet(StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Lake.", StringComparison.Ordinal) && names.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => series.Record(instrument.Name, value, time.GetUtcNow()));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => series.Record(instrument.Name, value, time.GetUtcNow()));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => series.Record(instrument.Name, value, time.GetUtcNow()));
        _listener.Start();
    }

    /// <summary>Asks every observable instrument (a gauge such as dead-letter depth) for its value now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();
}
