using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Lake.Aws.Sns;
using Lake.Configuration;
using Lake.Functions.Validate.FileChecks;
using Lake.Uploads;

namespace Lake.Functions.Validate.Uploads;

/// <summary>
/// One raw object: stream it through the file checks, then copy it to clean, or to rejected with its
/// reason and an alert. Raw objects are never deleted. Every name derives from the upload id, so a
/// redelivered event rewrites the same objects; an upload already past validation is left alone.
/// </summary>
public sealed class UploadValidator(IAmazonS3 s3, SnsClient sns, UploadStatusStore status, IDatasetRules datasets, BucketNames buckets)
{
    private static readonly ActivitySource Activities = new("Lake.Validate");

    /// <summary>The raw object an upload is: the ingest API records it when it issues the URL, validation when it reads it.</summary>
    private const string RawKeyDetail = "rawKey";

    public async Task<UploadStage> ProcessAsync(string bucket, string key, string alertsTopicArn, CancellationToken cancellationToken)
    {
        var head = await s3.GetObjectMetadataAsync(bucket, key, cancellationToken);
        var (raw, known) = await IdentifyAsync(key, head, cancellationToken);

        // S3 events carry no trace context: the upload's trace travels in the object's metadata (DESIGN §6).
        using var activity = Activities.StartActivity($"validate {raw.Dataset}", ActivityKind.Consumer, UploadMetadata.ReadTrace(head.Metadata[UploadMetadata.TraceParent]));
        activity?.SetTag("lake.upload_id", raw.UploadId.Value);
        activity?.SetTag("lake.dataset", raw.Dataset);
        var stage = await ProcessAsync(bucket, key, head, raw, known, alertsTopicArn, cancellationToken);
        activity?.SetTag("lake.stage", stage.ToString());
        return stage;
    }

    /// <summary>
    /// Which upload the object is. A key naming an upload id that the ingest API issued is that upload only when the
    /// object carries the id in its signed metadata and the upload was issued for this dataset and this very key;
    /// anything else (a writer guessing or copying a pending upload's key) is a direct write with an id of its own
    /// (<see cref="RawObjectKey.Direct"/>), so it takes over nothing. A named id that no upload holds is the object's
    /// own: there is nothing to take over, and a user's script may track the id it chose.
    /// </summary>
    private async Task<(RawObjectKey Raw, UploadStatus? Known)> IdentifyAsync(string key, GetObjectMetadataResponse head, CancellationToken cancellationToken)
    {
        var raw = RawObjectKey.Parse(key, head.ETag);
        var known = await status.GetAsync(raw.UploadId, cancellationToken);
        if (!raw.NamesUploadId || known is null || IsTheUploadOf(known, raw, key, head))
        {
            return (raw, known);
        }

        var direct = RawObjectKey.Direct(key, head.ETag);
        return (direct, await status.GetAsync(direct.UploadId, cancellationToken));
    }

    private static bool IsTheUploadOf(UploadStatus known, RawObjectKey raw, string key, GetObjectMetadataResponse head) =>
        known.Dataset == raw.Dataset
        && known.Details.GetValueOrDefault(RawKeyDetail) == key
        && (head.Metadata[UploadMetadata.UploadId] == raw.UploadId.Value || !known.History.Any(h => h.Stage == UploadStage.Requested));

    private async Task<UploadStage> ProcessAsync(
        string bucket, string key, GetObjectMetadataResponse head, RawObjectKey raw, UploadStatus? known, string alertsTopicArn, CancellationToken cancellationToken)
    {
        var fileName = UploadMetadata.ReadName(head.Metadata[UploadMetadata.OriginalName]) ?? raw.FileName;
        if (known is not null && known.Stage >= UploadStage.Validated)
        {
            return known.Stage;
        }

        var failure = await CheckAsync(bucket, key, raw.Dataset, cancellationToken);
        var target = $"{raw.Dataset}/{raw.UploadId}.csv";
        if (failure is null)
        {
            await CopyAsync(bucket, key, buckets.Clean, target, cancellationToken);
            await status.RecordStageAsync(raw.UploadId, raw.Dataset, fileName, UploadStage.Validated, UploadMetadata.WithTraceId(new()
            {
                ["bytes"] = head.ContentLength.ToString(CultureInfo.InvariantCulture),
                ["cleanKey"] = target,
                [RawKeyDetail] = key,
            }), cancellationToken);
            return UploadStage.Validated;
        }

        await CopyAsync(bucket, key, buckets.Rejected, target, cancellationToken);
        var reason = Reason(raw, fileName, key, failure);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = buckets.Rejected,
            Key = $"{raw.Dataset}/{raw.UploadId}.reason.json",
            ContentBody = reason.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            ContentType = "application/json",
        }, cancellationToken);
        await sns.PublishAsync(new PublishRequest
        {
            TopicArn = alertsTopicArn,
            Subject = $"Lake: upload rejected ({failure.Check})",
            Message = reason.ToJsonString(),
            MessageAttributes = { ["type"] = new MessageAttributeValue { StringValue = "upload.rejected" } },
        }, cancellationToken);
        await status.RecordStageAsync(raw.UploadId, raw.Dataset, fileName, UploadStage.Rejected, UploadMetadata.WithTraceId(new()
        {
            ["check"] = failure.Check.ToString(),
            ["line"] = failure.Line.ToString(CultureInfo.InvariantCulture),
            ["reason"] = failure.Detail,
            ["rejectedKey"] = target,
            [RawKeyDetail] = key,
        }), cancellationToken);
        return UploadStage.Rejected;
    }


    private async Task<ValidationFailure?> CheckAsync(string bucket, string key, string dataset, CancellationToken cancellationToken)
    {
        if (datasets.Find(dataset) is not { } rules)
        {
            return new ValidationFailure(FileCheck.Dataset, 0, dataset == RawObjectKey.NoDataset
                ? $"the key '{key}' is not under a dataset's prefix ({{dataset}}/...)"
                : $"no dataset contract is named '{dataset}' (the first segment of the key '{key}')");
        }

        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        await using var body = response.ResponseStream;
        return (await new FileValidator(rules).ValidateAsync(body, cancellationToken)).Failure;
    }

    /// <summary>A server-side copy that keeps the object's metadata (upload id, original name, traceparent).</summary>
    private Task CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CancellationToken cancellationToken) =>
        s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = sourceBucket,
            SourceKey = sourceKey,
            DestinationBucket = bucket,
            DestinationKey = key,
            MetadataDirective = S3MetadataDirective.COPY,
        }, cancellationToken);

    private static JsonObject Reason(RawObjectKey raw, string fileName, string rawKey, ValidationFailure failure) => new()
    {
        ["type"] = "upload.rejected",
        ["uploadId"] = raw.UploadId.Value,
        ["dataset"] = raw.Dataset,
        ["fileName"] = fileName,
        ["rawKey"] = rawKey,
        ["check"] = failure.Check.ToString(),
        ["line"] = failure.Line,
        ["detail"] = failure.Detail,
    };
}
