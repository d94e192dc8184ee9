using System.Globalization;
using Spectre.Console;

namespace Lake.Cli.Uploads;

/// <summary>How an upload run shows its files: a progress bar each on a terminal, a line per event elsewhere.</summary>
internal abstract class UploadDisplay
{
    public static UploadDisplay For(IAnsiConsole console) =>
        console.Profile.Capabilities is { Interactive: true, Ansi: true } ? new ProgressBars(console) : new Lines(console);

    /// <summary>Runs <paramref name="work"/> with one <see cref="IFileProgress"/> per file, in order.</summary>
    public abstract Task RunAsync(IReadOnlyList<(string Name, long Size)> files, Func<IReadOnlyList<IFileProgress>, Task> work);

    private sealed class ProgressBars(IAnsiConsole console) : UploadDisplay
    {
        public override Task RunAsync(IReadOnlyList<(string Name, long Size)> files, Func<IReadOnlyList<IFileProgress>, Task> work) =>
            console.Progress()
                .AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new SpinnerColumn())
                .StartAsync(context => work([.. files.Select(f => new Bar(context.AddTask(Describe(f.Name, "waiting"), maxValue: Math.Max(f.Size, 1)), f.Name))]));

        private static string Describe(string name, string stage) =>
            $"{Markup.Escape(name)} [{UploadStages.Colour(stage)}]{Markup.Escape(stage)}[/]";

        private sealed class Bar(ProgressTask task, string name) : IFileProgress
        {
            public void Sent(long bytes) => task.Value = bytes;

            public void Uploaded(string uploadId) => task.Value = task.MaxValue;

            public void Stage(string stage, string detail) => task.Description = Describe(name, stage);

            public void Finished(UploadOutcome outcome)
            {
                task.Description = Describe(name, outcome.State);
                task.StopTask();
            }
        }
    }

    private sealed class Lines(IAnsiConsole console) : UploadDisplay
    {
        public override Task RunAsync(IReadOnlyList<(string Name, long Size)> files, Func<IReadOnlyList<IFileProgress>, Task> work) =>
            work([.. files.Select(f => new Line(console, f.Name, f.Size))]);

        private sealed class Line(IAnsiConsole console, string name, long size) : IFileProgress
        {
            private int _lastQuarter = -1;

            public void Sent(long bytes)
            {
                // A line at 0, 25, 50, 75 and 100 %: enough to see it move in a log.
                var quarter = size == 0 ? 4 : (int)(bytes * 4 / size);
                if (Interlocked.Exchange(ref _lastQuarter, quarter) != quarter)
                {
                    Write($"sent {bytes.ToString("N0", CultureInfo.InvariantCulture)} of {size.ToString("N0", CultureInfo.InvariantCulture)} bytes ({quarter * 25}%)");
                }
            }

            public void Uploaded(string uploadId) => Write($"uploaded as {uploadId}");

            public void Stage(string stage, string detail) => Write(detail.Length > 0 ? $"{stage} ({detail})" : stage);

            public void Finished(UploadOutcome outcome) { }

            private void Write(string text)
            {
                lock (console)
                {
                    console.WriteLine($"{name}: {text}");
                }
            }
        }
    }
}

/// <summary>What the run tells the display about one file.</summary>
internal interface IFileProgress
{
    void Sent(long bytes);

    void Uploaded(string uploadId);

    /// <summary>The upload reached a new stage.</summary>
    void Stage(string stage, string detail);

    void Finished(UploadOutcome outcome);
}
