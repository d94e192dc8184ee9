using System.Diagnostics;
using System.Text.Json;

namespace Lake.Testing.Aspire.Bench;

/// <summary>What a latency or burst run measured: each upload's timing and, for the table, rows lost and doubled.</summary>
public sealed record LatencyReport(
    string Suite, string Run, int RowsPerFile, IReadOnlyList<UploadTiming> Uploads, DateTimeOffset Started, long RowsExpected, long RowsCurated, long DistinctIds)
{
    public IReadOnlyList<UploadTiming> NotCataloged => [.. Uploads.Where(u => u.Cataloged is null)];

    public long RowsLost => RowsExpected - DistinctIds;

    public long RowsDoubled => RowsCurated - DistinctIds;

    /// <summary>Every upload Cataloged, every row curated exactly once.</summary>
    public bool Clean => NotCataloged.Count == 0 && RowsLost == 0 && RowsDoubled == 0;

    /// <summary>First PUT begun to last Cataloged.</summary>
    public TimeSpan Span => (Uploads.Max(u => u.Cataloged) ?? DateTimeOffset.UtcNow) - Started;

    public double RowsPerSecond => RowsCurated / Span.TotalSeconds;
}

/// <summary>
/// The bench's runs against a started lake, through the ingest API as a user's program does (POST a ticket, PUT the
/// file): <c>latency</c> PUTs one file at a time and waits for it to be done (Cataloged and Served: the orders contract
/// has a serving table) before the next; <c>burst</c> PUTs them all at once and waits for all to be done. Times come
/// from the status table's stage history; then the curated table is counted by the query service for the run's order
/// ids (none lost, none doubled).
/// </summary>
public sealed class LatencyRun(AspireLake lake, Action<string> log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Pending uploads in a row after which a burst's status pass stops (well above the uploads worked on at once).</summary>
    private const int PendingWindow = 24;

    private readonly string _run = $"L{Random.Shared.Next(0, 100_000):D5}";

    public async Task<LatencyReport> SequentialAsync(int uploads, CancellationToken cancellationToken)
    {
        using var ingest = new IngestApiClient(lake.Url("ingest-api"), lake.IngestApiKey);
        var started = DateTimeOffset.UtcNow;
        var timings = new List<UploadTiming>();
        for (var i = 0; i < uploads; i++)
        {
            var (id, putDone) = await PutAsync(ingest, i);
            var status = await WaitDoneAsync(ingest, id, TimeSpan.FromMilliseconds(100), cancellationToken);
            var timing = UploadTiming.From(id, putDone, status);
            timings.Add(timing);
            log($"upload {i + 1}/{uploads} {id}: {timing.Stage}, {Ms(timing.Total)} (to Validated {Ms(timing.ToValidated)}, to Transformed {Ms(timing.ValidatedToTransformed)}, to Cataloged {Ms(timing.TransformedToCataloged)}; then Served {Ms(timing.CatalogedToServed)})");
        }

        return await ReportAsync("latency", timings, started);
    }

    public async Task<LatencyReport> BurstAsync(int files, CancellationToken cancellationToken)
    {
        using var ingest = new IngestApiClient(lake.Url("ingest-api"), lake.IngestApiKey);
        var contents = Enumerable.Range(0, files).Select(i => LatencyFiles.For(_run, i)).ToList();
        var started = DateTimeOffset.UtcNow;
        var sent = await Task.WhenAll(Enumerable.Range(0, files).Select(i => PutAsync(ingest, i, contents[i])));
        log($"{files} files PUT in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");

        var statuses = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        // A big burst drains at about one file a second on this machine: 1,000 files outlast the fixed patience.
        var patience = Patience + TimeSpan.FromSeconds(2 * files);
        while (statuses.Count < files && deadline.Elapsed < patience)
        {
            // A pass stops after a run of pending uploads, so the bench reads a few dozen statuses a pass rather than
            // every pending one (a thousand status reads a pass were a good part of the emulator's work). Uploads
            // finish in no particular order, so the count logged lags; once all are done one pass reads them all.
            var pendingInARow = 0;
            foreach (var (id, _) in sent.Where(s => !statuses.ContainsKey(s.Id)))
            {
                if (await ingest.StatusAsync(id) is { } status && UploadTiming.Done(status))
                {
                    statuses[id] = status;
                    pendingInARow = 0;
                }
                else if (++pendingInARow == PendingWindow)
                {
                    break;
                }
            }

            if (progress.Elapsed > TimeSpan.FromSeconds(10))
            {
                progress.Restart();
                log($"{statuses.Count}/{files} done");
            }

            // The figures come from the status table's timestamps, so the poll's pace delays the report, not what it measures.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var timings = new List<UploadTiming>();
        foreach (var (id, putDone) in sent)
        {
            timings.Add(statuses.TryGetValue(id, out var status)
                ? UploadTiming.From(id, putDone, status)
                : UploadTiming.From(id, putDone, await ingest.StatusAsync(id) ?? throw new InvalidOperationException($"upload {id} is unknown")));
        }

        return await ReportAsync("burst", timings, started);
    }

    private Task<(string Id, DateTimeOffset PutDone)> PutAsync(IngestApiClient ingest, int index) => PutAsync(ingest, index, LatencyFiles.For(_run, index));

    private async Task<(string Id, DateTimeOffset PutDone)> PutAsync(IngestApiClient ingest, int index, byte[] content)
    {
        var id = await ingest.UploadAsync("orders", $"bench-{_run}-{index:D4}.csv", content);
        return (id, DateTimeOffset.UtcNow);
    }

    private static async Task<JsonElement> WaitDoneAsync(IngestApiClient ingest, string id, TimeSpan poll, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await ingest.StatusAsync(id) is { } status && UploadTiming.Done(status))
            {
                return status;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"upload {id} is not done after {Patience.TotalMinutes:0} minutes");
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    private async Task<LatencyReport> ReportAsync(string suite, List<UploadTiming> timings, DateTimeOffset started)
    {
        await lake.RefreshTableAsync("orders");
        var row = (await lake.QueryRowsAsync(
            $"SELECT count(*) AS n, count(DISTINCT order_id) AS ids FROM {lake.Options.GlueDatabase}.orders WHERE order_id LIKE '{_run}-%'"))[0];
        return new LatencyReport(suite, _run, LatencyFiles.Rows, timings, started, (long)timings.Count * LatencyFiles.Rows, row[0].GetInt64(), row[1].GetInt64());
    }

    private static string Ms(TimeSpan? span) => span is { } s ? $"{s.TotalMilliseconds:0} ms" : "-";
}
