using System.Text.Json;
using Lake.Console.Model;

namespace Lake.Console.Services;

/// <summary>
/// The alerts the inbox took off its queue, one JSON line each in <c>{state directory}/console-alerts.jsonl</c>, so
/// a restarted console shows what it showed before (the queue no longer holds them). An alert is written (and
/// flushed) before its message is deleted. Past twice the inbox's capacity the file is rewritten with the newest
/// alerts (to a temporary file, then renamed). Without a state directory nothing is written. Not thread-safe: the
/// inbox's one reader uses it.
/// </summary>
internal sealed class AlertJournal(string? stateDirectory, int capacity)
{
    public const string FileName = "console-alerts.jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _lines;

    private string? Path => stateDirectory is null ? null : System.IO.Path.Combine(stateDirectory, FileName);

    /// <summary>The newest <c>capacity</c> alerts written before, oldest first; a line that does not read is skipped.</summary>
    public IReadOnlyList<Alert> Load()
    {
        if (Path is not { } path || !File.Exists(path))
        {
            return [];
        }

        var lines = File.ReadAllLines(path);
        _lines = lines.Length;
        return [.. lines.TakeLast(capacity).Select(Read).OfType<Alert>()];
    }

    public async Task AppendAsync(IReadOnlyCollection<Alert> alerts, IEnumerable<Alert> newestFirst, CancellationToken cancellationToken)
    {
        if (Path is not { } path || alerts.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (_lines + alerts.Count > capacity * 2)
        {
            var kept = newestFirst.Take(capacity).Reverse().Select(a => JsonSerializer.Serialize(a, Json)).ToList();
            await File.WriteAllLinesAsync(path + ".tmp", kept, cancellationToken);
            File.Move(path + ".tmp", path, overwrite: true);
            _lines = kept.Count;
            return;
        }

        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using var writer = new StreamWriter(file);
        foreach (var alert in alerts)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(alert, Json).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        _lines += alerts.Count;
    }

    private static Alert? Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<Alert>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
