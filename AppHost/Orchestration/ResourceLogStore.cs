using Lake.Dashboard.Resources;

namespace Lake.AppHost.Orchestration;

/// <summary>
/// The console lines of every resource, the last <see cref="PerResource"/> of each, numbered by one sequence across
/// all resources (so a reader polls with the last number it saw). Thread-safe.
/// </summary>
internal sealed class ResourceLogStore
{
    public const int PerResource = 5000;
    private readonly Dictionary<string, Queue<ResourceLogLine>> _lines = new(StringComparer.Ordinal);
    private long _sequence;

    public ResourceLogLine Append(string resource, bool isError, string text)
    {
        lock (_lines)
        {
            if (!_lines.TryGetValue(resource, out var queue))
            {
                _lines[resource] = queue = new Queue<ResourceLogLine>();
            }

            var line = new ResourceLogLine(++_sequence, resource, DateTimeOffset.Now, isError, text);
            queue.Enqueue(line);
            if (queue.Count > PerResource)
            {
                queue.Dequeue();
            }

            return line;
        }
    }

    public IReadOnlyList<ResourceLogLine> Get(string? resource, long afterSequence, int max)
    {
        lock (_lines)
        {
            IEnumerable<Queue<ResourceLogLine>> sources = resource is null ? _lines.Values : _lines.TryGetValue(resource, out var one) ? [one] : [];
            return sources.SelectMany(q => q.Where(l => l.Sequence > afterSequence))
                .OrderBy(l => l.Sequence).Take(Math.Max(0, max)).ToList();
        }
    }

    /// <summary>The last <paramref name="count"/> lines of a resource, for an error message.</summary>
    public IReadOnlyList<string> Tail(string resource, int count)
    {
        lock (_lines)
        {
            return _lines.TryGetValue(resource, out var queue) ? queue.TakeLast(count).Select(l => l.Text).ToList() : [];
        }
    }
}
