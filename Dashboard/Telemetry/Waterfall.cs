namespace Lake.Dashboard.Telemetry;

/// <summary>A span placed in its trace's waterfall: its depth under its parent, and where its bar starts.</summary>
public sealed record WaterfallRow(SpanRecord Span, int Depth, double OffsetMs);

/// <summary>One trace laid out for the waterfall: parents before their children, children by start time.</summary>
public sealed record TraceWaterfall(string TraceId, DateTimeOffset Start, double DurationMs, IReadOnlyList<WaterfallRow> Rows)
{
    public static TraceWaterfall Of(string traceId, IReadOnlyList<SpanRecord> spans)
    {
        if (spans.Count == 0)
        {
            return new TraceWaterfall(traceId, default, 0, []);
        }

        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.Start.AddMilliseconds(s.DurationMs));
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        var rows = new List<WaterfallRow>(spans.Count);

        // Roots are spans whose parent this dashboard does not hold (or that have none).
        var pending = new Stack<(SpanRecord Span, int Depth)>(spans
            .Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId))
            .OrderByDescending(s => s.Start)
            .Select(s => (s, 0)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Span.SpanId))
            {
                continue;
            }

            rows.Add(new WaterfallRow(next.Span, next.Depth, (next.Span.Start - start).TotalMilliseconds));
            foreach (var child in children[next.Span.SpanId].OrderByDescending(c => c.Start))
            {
                pending.Push((child, next.Depth + 1));
            }
        }

        return new TraceWaterfall(traceId, start, (end - start).TotalMilliseconds, rows);
    }
}
