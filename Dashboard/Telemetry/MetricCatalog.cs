namespace Lake.Dashboard.Telemetry;

/// <summary>The latest value of every metric each service exports, keyed by service and name (bounded by what services define). Thread-safe.</summary>
internal sealed class MetricCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Service, string Name), MetricView> _metrics = [];

    public void Add(IEnumerable<MetricView> metrics)
    {
        lock (_lock)
        {
            foreach (var metric in metrics)
            {
                _metrics[(metric.Service, metric.Name)] = metric;
            }
        }
    }

    public IReadOnlyList<MetricView> List(string? service)
    {
        lock (_lock)
        {
            return [.. _metrics.Values.Where(m => service is null || m.Service == service).OrderBy(m => m.Service, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)];
        }
    }
}
