namespace Lake.Dashboard.Telemetry;

/// <summary>A trace's row in the list.</summary>
public sealed record TraceSummary(
    string TraceId, string Name, string Service, DateTimeOffset Start, double DurationMs, int SpanCount, int ErrorCount, IReadOnlyList<string> Services);

/// <summary>
/// Spans grouped by trace, in bounded memory: past <c>maxSpans</c> the oldest traces (by first span received) are
/// dropped whole, so a trace on the page is never half-evicted. Thread-safe.
/// </summary>
internal sealed class TraceStore(int maxSpans = 50_000)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<SpanRecord>> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _arrival = new();
    private int _spanCount;

    public void Add(IEnumerable<SpanRecord> spans)
    {
        lock (_lock)
        {
            foreach (var span in spans)
            {
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    _traces[span.TraceId] = trace = [];
                    _arrival.AddLast(span.TraceId);
                }

                trace.Add(span);
                _spanCount++;
            }

            while (_spanCount > maxSpans && _arrival.First is { } oldest)
            {
                _arrival.RemoveFirst();
                _spanCount -= _traces[oldest.Value].Count;
                _traces.Remove(oldest.Value);
            }
        }
    }

    /// <summary>The newest traces first, optionally only those <paramref name="service"/> took part in or whose spans mention <paramref name="search"/>.</summary>
    public IReadOnlyList<TraceSummary> List(string? service, string? search, int limit)
    {
        lock (_lock)
        {
            return [.. _traces.Values
                .Where(spans => service is null || spans.Any(s => s.Service == service))
                .Where(spans => string.IsNullOrEmpty(search) || spans.Any(s => Mentions(s, search)))
                .Select(Summarize)
                .OrderByDescending(t => t.Start)
                .Take(limit)];
        }
    }

    /// <summary>The trace's spans, earliest first; empty when it is not (or no longer) held.</summary>
    public IReadOnlyList<SpanRecord> Get(string traceId)
    {
        lock (_lock)
        {
            return _traces.TryGetValue(traceId, out var spans) ? [.. spans.OrderBy(s => s.Start)] : [];
        }
    }

    public IReadOnlyList<string> Services()
    {
        lock (_lock)
        {
            return [.. _traces.Values.SelectMany(spans => spans).Select(s => s.Service).Distinct().Order(StringComparer.Ordinal)];
        }
    }

    private static bool Mentions(SpanRecord span, string search) =>
        span.TraceId.Contains(search, StringComparison.OrdinalIgnoreCase)
        || span.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || span.Attributes.Values.Any(v => v.Contains(search, StringComparison.OrdinalIgnoreCase));

    private static TraceSummary Summarize(List<SpanRecord> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        // The root: no parent, or a parent this dashboard never received (the trace began elsewhere).
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.Start.AddMilliseconds(s.DurationMs));
        return new TraceSummary(
            root.TraceId, root.Name, root.Service, start, (end - start).TotalMilliseconds, spans.Count,
            spans.Count(s => s.Status == "Error"), [.. spans.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal)]);
    }
}
