namespace Lake.AwsEmulator;

/// <summary>Keeps the emulator's last lines, so a failed start can say what the emulator said.</summary>
internal sealed class StartupLog(Action<string>? sink)
{
    private const int Keep = 20;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Keep)
            {
                _lines.Dequeue();
            }
        }

        sink?.Invoke(line);
    }

    public bool Contains(string text)
    {
        lock (_lines)
        {
            return _lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    public string Tail()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "(no output)" : string.Join(" | ", _lines.TakeLast(5));
        }
    }
}
