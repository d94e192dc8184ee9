using System.Diagnostics;
using System.Globalization;

namespace Lake.TransformService.Uploads;

/// <summary>
/// One upload's steps, each a child span of the upload's and a time: the times end the upload's log line
/// (<c>in 412 ms: catalog table 3 ms, download 4 ms, ...</c>), so where an upload's time went is readable without a
/// trace viewer.
/// </summary>
internal sealed class UploadSteps
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<(string Name, TimeSpan Elapsed)> _times = [];

    /// <summary>Starts a step; disposing it ends its span and records its time.</summary>
    public Step Start(string name) => new(this, name, TransformTelemetry.Source.StartActivity(name));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"in {Stopwatch.GetElapsedTime(_started).TotalMilliseconds:0} ms: ")
        + string.Join(", ", _times.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Elapsed.TotalMilliseconds:0} ms")));

    public sealed class Step(UploadSteps steps, string name, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private bool _ended;

        public Activity? Activity => activity;

        public void Dispose()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            steps._times.Add((name, Stopwatch.GetElapsedTime(_started)));
            activity?.Dispose();
        }
    }
}
