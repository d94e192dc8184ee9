using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Transfer;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Transform.Conversion;
using Lake.TransformService.Catalog;
using Lake.TransformService.Queue;
using Lake.TransformService.Serving;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Uploads;

/// <summary>
/// One clean upload end to end, as one span continuing the upload's trace: the catalog's table checked against the
/// contract (an incompatible contract is refused before anything is written), the CSV converted in a private work
/// directory, the outputs published, the stage recorded Transformed, the threshold alert, the new partitions
/// registered, the stage recorded Cataloged (the rows are queryable), then the valid rows loaded into the dataset's
/// serving table (if it declares one) and Served added to the history. An upload already Cataloged (and Served, if
/// its dataset has a serving table) is left alone; any other is done again, rewriting the same objects and items.
/// </summary>
public sealed class UploadTransformer(
    IAmazonS3 s3,
    UploadStatusStore status,
    ContractCatalog contracts,
    CatalogRegistrar catalog,
    KeyFileCache keyFiles,
    DatasetLocks locks,
    CsvConversion conversion,
    CuratedPublisher publisher,
    ServingLoader serving,
    UploadReports reports,
    IOptions<TransformOptions> options,
    IOptions<LakeOptions> lake,
    ILogger<UploadTransformer> logger)
{
    /// <exception cref="UploadRefusedException">The upload cannot be transformed, now or on a retry.</exception>
    public async Task<UploadStage> TransformAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var upload = CleanObject.From(bucket, key, await s3.GetObjectMetadataAsync(bucket, key, cancellationToken));

        // S3 events carry no trace context: the upload's trace travels in the object's metadata (DESIGN §6).
        using var activity = TransformTelemetry.Source.StartActivity($"transform {upload.Dataset}", ActivityKind.Consumer, UploadMetadata.ReadTrace(upload.TraceParent));
        activity?.SetTag("lake.upload_id", upload.UploadId.Value);
        activity?.SetTag("lake.dataset", upload.Dataset);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var stage = await TransformAsync(upload, cancellationToken);
            activity?.SetTag("lake.stage", stage.ToString());
            outcome = stage.ToString();
            return stage;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            TransformTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                TransformTelemetry.TransformStage, new("lake.dataset", upload.Dataset), new("outcome", outcome));
        }
    }

    private async Task<UploadStage> TransformAsync(CleanObject upload, CancellationToken cancellationToken)
    {
        var steps = new UploadSteps();
        var contract = contracts.GetValueOrDefault(upload.Dataset);
        if (await status.GetAsync(upload.UploadId, cancellationToken) is { Stage: UploadStage.Cataloged } cataloged)
        {
            if (contract?.Serving is null || cataloged.History.Any(h => h.Stage == UploadStage.Served))
            {
                logger.LogInformation("Upload {UploadId} ({Dataset}) is already cataloged; nothing to do", upload.UploadId, upload.Dataset);
                TransformTelemetry.Uploads.Add(1, new("lake.dataset", upload.Dataset), new("outcome", "duplicate"));
                return UploadStage.Cataloged;
            }

            // Stopped between Cataloged and Served: done again, which rewrites the same objects and the same items.
            logger.LogInformation("Upload {UploadId} ({Dataset}) is cataloged but not in its serving table; transforming it again", upload.UploadId, upload.Dataset);
        }

        if (contract is null)
        {
            throw new UploadRefusedException($"no dataset contract is named '{upload.Dataset}' (contracts: {string.Join(", ", contracts.Keys)})");
        }

        using (steps.Start("catalog table"))
        {
            await catalog.EnsureTableAsync(contract, cancellationToken);
        }

        using var workspace = UploadWorkspace.Create(options.Value.WorkRoot, upload.UploadId);
        var (result, published) = await ConvertAsync(upload, contract, workspace, steps, cancellationToken);
        bool alerted;
        using (steps.Start("status Transformed"))
        {
            await reports.TransformedAsync(upload, result, published, cancellationToken);
            alerted = await reports.AlertIfOverThresholdAsync(upload, result, contract.QuarantineThreshold, published, cancellationToken);
        }

        PartitionRegistration registration;
        using (steps.Start("catalog partitions"))
        {
            registration = await catalog.RegisterPartitionsAsync(contract, result.Partitions, cancellationToken);
        }

        using (steps.Start("status Cataloged"))
        {
            await reports.CatalogedAsync(upload, $"{lake.Value.GlueDatabase}.{contract.Dataset}", contract.Version, registration, cancellationToken);
        }

        // After Cataloged: the rows are queryable first; from the work directory's Parquet, durable in the curated zone.
        if (contract.Serving is { } servingTable)
        {
            using (steps.Start("serving table"))
            {
                await reports.ServedAsync(upload, await serving.LoadAsync(upload.UploadId, contract, servingTable, result, cancellationToken), cancellationToken);
            }
        }

        TransformTelemetry.Rows.Add(result.RowsValid, new("lake.dataset", upload.Dataset), new("outcome", "valid"));
        TransformTelemetry.Rows.Add(result.RowsQuarantined, new("lake.dataset", upload.Dataset), new("outcome", "quarantined"));
        TransformTelemetry.Uploads.Add(1, new("lake.dataset", upload.Dataset), new("outcome", "cataloged"));
        logger.LogInformation(
            "Upload {UploadId} ({Dataset}) transformed: {RowsIn} rows, {RowsValid} valid, {RowsQuarantined} quarantined{Alert}; {Partitions} partitions ({PartitionsCreated} new); {Steps}",
            upload.UploadId, upload.Dataset, result.RowsIn, result.RowsValid, result.RowsQuarantined, alerted ? " (over the threshold: alerted)" : "",
            result.Partitions.Count, registration.Created, steps);
        return UploadStage.Cataloged;
    }

    /// <summary>Converts the upload in <paramref name="workspace"/> (its Parquet stays there for the serving table) and publishes it.</summary>
    private async Task<(ConversionResult, PublishedUpload)> ConvertAsync(
        CleanObject upload, DatasetContract contract, UploadWorkspace workspace, UploadSteps steps, CancellationToken cancellationToken)
    {
        using (steps.Start("download"))
        {
            using var transfer = new TransferUtility(s3);
            await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = upload.Bucket, Key = upload.Key, FilePath = workspace.CsvPath }, cancellationToken);
        }

        IReadOnlyList<string> previousKeys;
        using (steps.Start("key files"))
        {
            previousKeys = await keyFiles.FetchAsync(upload.Dataset, upload.UploadId, cancellationToken);
        }

        ConversionResult result;
        using (steps.Start("convert"))
        {
            result = await ConvertAsync(upload, contract, workspace.CsvPath, workspace.OutputDirectory, previousKeys, cancellationToken);
        }

        if (result.KeyFile is not null)
        {
            result = await CommitKeysAsync(upload, contract, workspace, previousKeys, result, steps, cancellationToken);
        }

        using (steps.Start("publish"))
        {
            return (result, await publisher.PublishAsync(contract, upload.UploadId, result, cancellationToken));
        }
    }

    /// <summary>
    /// The short critical section that keeps keys unique while uploads of a dataset convert side by side: under the
    /// dataset's lock, the key files that arrived while this upload converted are checked against its key file; if
    /// one holds a key this upload also curated, the upload is converted again against every key file (its repeated
    /// rows go to quarantine as they would have), still under the lock. Its key file is durable before the lock is
    /// released, so the next upload to commit sees its keys.
    /// </summary>
    private async Task<ConversionResult> CommitKeysAsync(
        CleanObject upload, DatasetContract contract, UploadWorkspace workspace, IReadOnlyList<string> checkedKeys, ConversionResult result,
        UploadSteps steps, CancellationToken cancellationToken)
    {
        using var step = steps.Start("commit keys");
        using (await locks.AcquireAsync(upload.Dataset, cancellationToken))
        {
            var current = await keyFiles.FetchAsync(upload.Dataset, upload.UploadId, cancellationToken);
            var arrived = current.Except(checkedKeys, StringComparer.Ordinal).ToList();
            step.Activity?.SetTag("lake.key_files_arrived", arrived.Count);
            if (arrived.Count > 0 && await KeyOverlap.AnyAsync(contract, result.KeyFile!, arrived, cancellationToken))
            {
                logger.LogInformation("Upload {UploadId} ({Dataset}): an upload committed meanwhile holds some of its keys; converting again against {KeyFiles} key files",
                    upload.UploadId, upload.Dataset, current.Count);
                step.Activity?.SetTag("lake.converted_again", true);
                result = await ConvertAsync(upload, contract, workspace.CsvPath, workspace.AgainDirectory, current, cancellationToken);
            }

            if (result.KeyFile is not null)
            {
                await publisher.PublishKeyFileAsync(contract, upload.UploadId, result.KeyFile, cancellationToken);
            }

            return result;
        }
    }

    private async Task<ConversionResult> ConvertAsync(
        CleanObject upload, DatasetContract contract, string csvPath, string outputDirectory, IReadOnlyList<string> keyFiles, CancellationToken cancellationToken)
    {
        try
        {
            return await conversion.RunAsync(new ConversionRequest(contract, csvPath, outputDirectory, CuratedLayout.FilePrefix(upload.UploadId), keyFiles), cancellationToken);
        }
        catch (ConversionRefusedException ex)
        {
            throw new UploadRefusedException(ex.Message, ex);
        }
    }
}
