namespace Lake.Dashboard.Telemetry;

/// <summary>The newest structured log records received over OTLP (bounded). Thread-safe.</summary>
internal sealed class StructuredLogStore(int capacity = 20_000)
{
    private readonly RingBuffer<LogRecordView> _records = new(capacity);

    public void Add(IEnumerable<LogRecordView> records)
    {
        foreach (var record in records)
        {
            _records.Add(record);
        }
    }

    /// <summary>Oldest first: the records of one trace, or of one service, at most <paramref name="limit"/> (the newest ones).</summary>
    public IReadOnlyList<LogRecordView> Find(string? traceId, string? service, int limit) =>
        [.. _records.NewestFirst()
            .Where(r => traceId is null || r.TraceId == traceId)
            .Where(r => service is null || r.Service == service)
            .Take(limit)
            .Reverse()];
}
