using System.Diagnostics;
using System.Globalization;

namespace Lake.SeedGenerator;

/// <summary>Shows rows written on stderr about once a second, so only long runs show anything.</summary>
internal sealed class StderrProgress(long expectedRows) : IProgress<long>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _shown;

    public void Report(long value)
    {
        if (_clock.Elapsed - _last < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _last = _clock.Elapsed;
        _shown = true;
        var share = expectedRows > 0 ? Math.Min(100, value * 100 / expectedRows) : 100;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{value:N0} rows (~{share}%), {value / _clock.Elapsed.TotalSeconds:N0} rows/s");
        if (Console.IsErrorRedirected)
        {
            Console.Error.WriteLine(text);
        }
        else
        {
            Console.Error.Write($"\r{text}   ");
        }
    }

    /// <summary>Ends the progress line on a terminal.</summary>
    public void Finish()
    {
        if (_shown && !Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
