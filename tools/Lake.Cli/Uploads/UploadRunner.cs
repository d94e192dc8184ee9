using Lake.Cli.Api;

namespace Lake.Cli.Uploads;

/// <summary>What an upload run was asked to do.</summary>
/// <param name="Follow">Follow each upload's stages until a final one (else stop once the file is stored).</param>
/// <param name="Timeout">How long to follow an upload before giving up on it (it goes on in the lake).</param>
internal sealed record UploadPlan(IReadOnlyList<string> Files, string? Dataset, bool Follow, TimeSpan Timeout, int Parallel, TimeSpan PollInterval);

/// <summary>
/// Uploads files through the ingest API as any client does — ask for a presigned PUT, PUT the file with the signed
/// headers — then follows <c>GET /v1/uploads/{id}</c> until the upload's stage is final.
/// </summary>
internal sealed class UploadRunner(IngestClient ingest)
{
    public async Task<IReadOnlyList<UploadOutcome>> RunAsync(UploadPlan plan, UploadDisplay display, CancellationToken cancellationToken)
    {
        var datasets = await DatasetChoice.ForAsync(ingest, plan.Files, plan.Dataset, cancellationToken);
        var outcomes = new UploadOutcome[plan.Files.Count];
        using var slots = new SemaphoreSlim(plan.Parallel);
        await display.RunAsync(
            [.. plan.Files.Select(f => (Path.GetFileName(f), new FileInfo(f).Length))],
            progress => Task.WhenAll(plan.Files.Select(async (file, i) =>
            {
                outcomes[i] = await UploadOneAsync(file, datasets[i], plan, slots, progress[i], cancellationToken);
                progress[i].Finished(outcomes[i]);
            })));
        return outcomes;
    }

    private async Task<UploadOutcome> UploadOneAsync(
        string path, string dataset, UploadPlan plan, SemaphoreSlim slots, IFileProgress progress, CancellationToken cancellationToken)
    {
        string? uploadId = null;
        try
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var size = new FileInfo(path).Length;
                var ticket = await ingest.RequestUploadAsync(dataset, Path.GetFileName(path), size, cancellationToken);
                uploadId = ticket.UploadId;
                progress.Sent(0);
                await ingest.PutAsync(ticket, path, new SyncProgress(progress.Sent), cancellationToken);
                progress.Uploaded(uploadId);
            }
            finally
            {
                slots.Release();
            }

            return plan.Follow
                ? await FollowAsync(path, uploadId, plan, progress, cancellationToken)
                : new UploadOutcome(path, uploadId, "Requested", Succeeded: true, "stored in raw; not followed");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new UploadOutcome(path, uploadId, UploadStages.Interrupted, Succeeded: false,
                uploadId is null ? "not uploaded" : $"still going on in the lake: lake status {uploadId}");
        }
        catch (LakeApiException e) when (uploadId is null)
        {
            return new UploadOutcome(path, null, UploadStages.Refused, Succeeded: false, e.Message);
        }
        catch (Exception e) when (e is LakeApiException or LakeNotRunningException or IOException or UnauthorizedAccessException)
        {
            return new UploadOutcome(path, uploadId, "Failed", Succeeded: false, e.Message);
        }
    }

    private async Task<UploadOutcome> FollowAsync(string path, string uploadId, UploadPlan plan, IFileProgress progress, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(plan.Timeout);
        string? seen = null;
        UploadStatus? status = null;
        try
        {
            while (true)
            {
                status = await ingest.StatusAsync(uploadId, timeout.Token);
                if (status is not null && status.Stage != seen)
                {
                    seen = status.Stage;
                    progress.Stage(status.Stage, status.Final ? UploadStages.Describe(status.Details) : "");
                }

                if (status is { Final: true })
                {
                    return new UploadOutcome(path, uploadId, status.Stage, status.Stage == UploadStages.Cataloged, UploadStages.Describe(status.Details));
                }

                await Task.Delay(plan.PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UploadOutcome(path, uploadId, UploadStages.TimedOut, Succeeded: false,
                $"still {status?.Stage ?? "unknown"} after {plan.Timeout.TotalSeconds:0} s: lake status {uploadId}");
        }
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
