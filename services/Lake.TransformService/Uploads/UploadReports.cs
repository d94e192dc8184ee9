using System.Globalization;
using System.Text.Json.Nodes;
using Lake.Aws.Sns;
using Lake.Transform.Conversion;
using Lake.TransformService.Catalog;
using Lake.TransformService.Queue;
using Lake.TransformService.Serving;
using Lake.Uploads;

namespace Lake.TransformService.Uploads;

/// <summary>
/// What the transform tells the world about an upload: its stages in the status table (Transformed, Cataloged,
/// Served, Failed, each with the upload's trace id) and alerts on the SNS topic (<c>upload.quarantine-threshold</c>,
/// <c>upload.transform-failed</c>), typed by a <c>type</c> message attribute as the validate function's are.
/// </summary>
public sealed class UploadReports(UploadStatusStore status, SnsClient sns, QueueAddresses addresses)
{
    public const string QuarantineThresholdAlert = "upload.quarantine-threshold";
    public const string TransformFailedAlert = "upload.transform-failed";
    private const int PartitionsListed = 5;

    public Task TransformedAsync(CleanObject upload, ConversionResult result, PublishedUpload published, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>
        {
            ["rowsIn"] = Number(result.RowsIn),
            ["rowsValid"] = Number(result.RowsValid),
            ["rowsQuarantined"] = Number(result.RowsQuarantined),
            ["partitions"] = Partitions(result.Partitions),
            ["curatedPrefix"] = published.CuratedPrefix,
            ["quarantineKey"] = published.QuarantineUri ?? "",
        };
        return status.RecordStageAsync(upload.UploadId, upload.Dataset, upload.FileName, UploadStage.Transformed, UploadMetadata.WithTraceId(details), cancellationToken);
    }

    public Task CatalogedAsync(CleanObject upload, string table, int contractVersion, PartitionRegistration registration, CancellationToken cancellationToken) =>
        status.RecordStageAsync(upload.UploadId, upload.Dataset, upload.FileName, UploadStage.Cataloged, UploadMetadata.WithTraceId(new()
        {
            ["table"] = table,
            ["contractVersion"] = Number(contractVersion),
            ["partitionsCreated"] = Number(registration.Created),
            ["partitionsExisting"] = Number(registration.Existing),
        }), cancellationToken);

    /// <summary>Adds Served to the upload's history (its current stage stays Cataloged).</summary>
    public Task ServedAsync(CleanObject upload, ServingLoad served, CancellationToken cancellationToken) =>
        status.RecordHistoryAsync(upload.UploadId, UploadStage.Served, UploadMetadata.WithTraceId(new()
        {
            ["servingTable"] = served.Table,
            ["servingItems"] = Number(served.Items),
            ["processedAt"] = served.ProcessedAt,
        }), cancellationToken);

    /// <summary>Alerts when the share of the file's rows in quarantine is above the contract's threshold.</summary>
    public async Task<bool> AlertIfOverThresholdAsync(
        CleanObject upload, ConversionResult result, double threshold, PublishedUpload published, CancellationToken cancellationToken)
    {
        if (result.QuarantinedShare <= threshold)
        {
            return false;
        }

        var rules = new JsonObject();
        foreach (var (rule, count) in result.FailuresByRule)
        {
            rules[rule] = count;
        }

        await PublishAsync(QuarantineThresholdAlert, $"Lake: {upload.Dataset} upload over its quarantine threshold", new JsonObject
        {
            ["type"] = QuarantineThresholdAlert,
            ["uploadId"] = upload.UploadId.Value,
            ["dataset"] = upload.Dataset,
            ["fileName"] = upload.FileName,
            ["rowsIn"] = result.RowsIn,
            ["rowsValid"] = result.RowsValid,
            ["rowsQuarantined"] = result.RowsQuarantined,
            ["quarantinedShare"] = Math.Round(result.QuarantinedShare, 6),
            ["threshold"] = threshold,
            ["quarantineKey"] = published.QuarantineUri,
            ["rules"] = rules,
        }, cancellationToken);
        return true;
    }

    /// <summary>Records the upload Failed with <paramref name="reason"/> and alerts: its message will not be tried again.</summary>
    public async Task FailedAsync(string dataset, UploadId uploadId, string reason, int receiveCount, CancellationToken cancellationToken)
    {
        TransformTelemetry.FunctionErrors.Add(1, TransformTelemetry.TransformStage, new("lake.dataset", dataset));
        var fileName = (await status.GetAsync(uploadId, cancellationToken))?.FileName ?? $"{uploadId}.csv";
        await status.RecordStageAsync(uploadId, dataset, fileName, UploadStage.Failed, UploadMetadata.WithTraceId(new()
        {
            ["stage"] = "transform",
            ["reason"] = reason,
            ["receiveCount"] = Number(receiveCount),
        }), cancellationToken);
        await PublishAsync(TransformFailedAlert, $"Lake: {dataset} upload failed to transform", new JsonObject
        {
            ["type"] = TransformFailedAlert,
            ["uploadId"] = uploadId.Value,
            ["dataset"] = dataset,
            ["fileName"] = fileName,
            ["reason"] = reason,
            ["receiveCount"] = receiveCount,
        }, cancellationToken);
    }

    /// <summary>Alerts about a message that names no upload at all (it goes to the dead-letter queue).</summary>
    public Task UnreadableMessageAsync(string messageId, string reason, CancellationToken cancellationToken)
    {
        TransformTelemetry.FunctionErrors.Add(1, TransformTelemetry.TransformStage);
        return PublishAsync(TransformFailedAlert, "Lake: unreadable message on the transform queue", new JsonObject
        {
            ["type"] = TransformFailedAlert,
            ["messageId"] = messageId,
            ["reason"] = reason,
        }, cancellationToken);
    }

    /// <summary><c>order_date=2024-01-01,order_date=2024-01-02</c>, or past a few, the count and the first few.</summary>
    public static string Partitions(IReadOnlyList<CuratedPartition> partitions)
    {
        var paths = partitions.Where(p => p.Path.Length > 0).Select(p => p.Path).ToList();
        return paths.Count <= PartitionsListed
            ? string.Join(',', paths)
            : $"{paths.Count} partitions: {string.Join(',', paths.Take(PartitionsListed))},...";
    }

    private Task PublishAsync(string type, string subject, JsonObject alert, CancellationToken cancellationToken) =>
        sns.PublishAsync(new PublishRequest
        {
            TopicArn = addresses.AlertsTopicArn,
            Subject = subject,
            Message = alert.ToJsonString(),
            MessageAttributes = { ["type"] = new MessageAttributeValue { StringValue = type } },
        }, cancellationToken);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
