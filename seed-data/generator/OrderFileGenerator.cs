using System.Globalization;
using System.Text;

namespace Lake.SeedGenerator;

/// <summary>
/// Writes orders CSV files (header, then rows sorted by date) for the options given, streaming: a row is
/// formatted, written and forgotten, so a million-row file needs no more memory than a ten-row one.
/// Each file draws from its own random stream, so any file can be regenerated alone.
/// </summary>
public sealed class OrderFileGenerator
{
    private const int ReportEvery = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly OrderGeneratorOptions _options;

    public OrderFileGenerator(OrderGeneratorOptions options)
    {
        options.Validate();
        _options = options;
        Files = Plan(options);
    }

    public IReadOnlyList<OrderFilePlan> Files { get; }

    /// <summary>Writes every file into <paramref name="directory"/> (created if missing).</summary>
    /// <param name="progress">Receives the rows written so far, every 65,536 rows and at the end.</param>
    public IReadOnlyList<OrderFileSummary> WriteAll(string directory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var summaries = new List<OrderFileSummary>();
        long done = 0;
        foreach (var file in Files)
        {
            using var output = new FileStream(Path.Combine(directory, file.FileName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var before = done;
            var summary = Write(file, output, new Progress(rows => progress?.Report(before + rows)), cancellationToken);
            done += summary.Rows;
            summaries.Add(summary);
        }

        progress?.Report(done);
        return summaries;
    }

    /// <summary>Writes one planned file to <paramref name="output"/>, which stays open.</summary>
    public OrderFileSummary Write(OrderFilePlan file, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var writer = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true);
        var factory = new OrderRowFactory(_options.Seed, file.Index);
        var line = new StringBuilder(256);
        OrderRow.AppendLine(line, OrderRow.Header);
        var bytes = Flush(writer, line);
        long rows = 0, bad = 0;
        var days = file.To.DayNumber - file.From.DayNumber;
        var plannedRows = _options.MinBytes is { } min ? Math.Max(1, min / 110) : Math.Max(1, file.Rows);
        while (_options.MinBytes is { } minBytes ? bytes < minBytes : rows < file.Rows)
        {
            var date = file.From.AddDays((int)Math.Min(days - 1, rows * days / plannedRows));
            var (row, defect) = factory.Next(date, file.FirstNumber + rows, _options.ErrorRate);
            OrderRow.AppendLine(line, row.Fields);
            bytes += Flush(writer, line);
            bad += defect == OrderDefect.None ? 0 : 1;
            if (++rows % ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(rows);
            }
        }

        writer.Flush();
        progress?.Report(rows);
        return new OrderFileSummary(file.FileName, rows, bad, bytes);
    }

    private static long Flush(StreamWriter writer, StringBuilder line)
    {
        var count = 0L;
        foreach (var chunk in line.GetChunks())
        {
            count += Utf8.GetByteCount(chunk.Span);
            writer.Write(chunk.Span);
        }

        line.Clear();
        return count;
    }

    /// <summary>One file per month when files = months; otherwise the days split evenly between the files.</summary>
    private static List<OrderFilePlan> Plan(OrderGeneratorOptions options)
    {
        var count = options.FileCount;
        var end = options.StartDate.AddMonths(options.Months);
        var days = end.DayNumber - options.StartDate.DayNumber;
        var plans = new List<OrderFilePlan>();
        long number = 1;
        for (var i = 0; i < count; i++)
        {
            var monthly = count == options.Months;
            var from = monthly ? options.StartDate.AddMonths(i) : options.StartDate.AddDays((int)((long)i * days / count));
            var to = monthly ? options.StartDate.AddMonths(i + 1) : options.StartDate.AddDays((int)((long)(i + 1) * days / count));
            to = to > from ? to : from.AddDays(1);
            var rows = options.Rows / count + (i < options.Rows % count ? 1 : 0);
            var name = monthly
                ? string.Create(CultureInfo.InvariantCulture, $"orders-{from:yyyy-MM}.csv")
                : string.Create(CultureInfo.InvariantCulture, $"orders-{from:yyyy-MM-dd}-{i + 1:D4}.csv");
            plans.Add(new OrderFilePlan(i, name, from, to, rows, number));
            number += rows;
        }

        return plans;
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
