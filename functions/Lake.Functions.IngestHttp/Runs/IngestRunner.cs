using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Lake.Aws.Sns;
using Lake.Contracts;
using Lake.Functions.IngestHttp.Fetching;
using Lake.Uploads;

namespace Lake.Functions.IngestHttp.Runs;

/// <summary>
/// One scheduled run: the window from the schedule's previous fire time to this one, read from the dataset's HTTP
/// source and written as one CSV file to the raw zone, as an upload is (same key layout, the upload's id, dataset,
/// name and <c>traceparent</c> in its metadata, a <c>Requested</c> stage), so validate → transform → catalog take it
/// from there. The upload id derives from the dataset and the scheduled time: a window already in the raw zone is not
/// fetched again, and the write itself refuses to overwrite (<c>If-None-Match: *</c>). A failed run writes nothing,
/// is recorded and raises an <c>ingest.failed</c> alert; running its window again later may succeed.
/// </summary>
public sealed class IngestRunner(
    IAmazonS3 s3, SnsClient sns, UploadStatusStore uploads, IngestRunStore runs, SourceReader reader,
    IReadOnlyDictionary<string, DatasetContract> contracts, IReadOnlyDictionary<string, Uri> urlOverrides, string rawBucket)
{
    public const string FailedAlert = "ingest.failed";
    private static readonly ActivitySource Activities = new("Lake.IngestHttp");

    public async Task<IngestRunResult> RunAsync(string dataset, DateTimeOffset scheduledTime, string alertsTopicArn, CancellationToken cancellationToken)
    {
        if (!contracts.TryGetValue(dataset, out var contract) || contract.Source is not { } source)
        {
            throw new ArgumentException($"No dataset contract named '{dataset}' declares an HTTP source (datasets with one: {string.Join(", ", contracts.Values.Where(c => c.Source is not null).Select(c => c.Dataset))}).");
        }

        var end = scheduledTime.ToUniversalTime();
        var start = source.Schedule.Previous(end);
        var uploadId = UploadIdOf(dataset, end);
        var rawKey = $"{dataset}/ingest_date={end:yyyy-MM-dd}/{uploadId}.csv";
        var url = urlOverrides.GetValueOrDefault(dataset) ?? source.Url;

        using var activity = Activities.StartActivity($"ingest-http {dataset}", ActivityKind.Producer);
        activity?.SetTag("lake.upload_id", uploadId.Value);
        activity?.SetTag("lake.dataset", dataset);
        activity?.SetTag("lake.scheduled_time", SourceReader.Iso(end));
        IngestRunResult Result(string outcome, int records = 0, int pages = 0, string? reason = null) =>
            new(outcome, dataset, end, start, uploadId.Value, rawKey, records, pages, reason);

        if (await ExistsAsync(rawKey, cancellationToken))
        {
            return Result(IngestRunResult.AlreadyIngested);
        }

        IngestRunResult result;
        try
        {
            var (table, pages) = await reader.ReadAsync(contract, url, start, end, cancellationToken);
            var csv = table.ToCsv();
            if (table.Records == 0)
            {
                result = Result(IngestRunResult.Empty, 0, pages);
            }
            else if (csv.LongLength > contract.Limits.MaxBytes)
            {
                throw new SourceFetchException($"the window's {table.Records} records make {csv.LongLength} bytes of CSV, more than the dataset's limit of {contract.Limits.MaxBytes}", 1);
            }
            else
            {
                var written = await WriteAsync(contract, uploadId, rawKey, FileName(dataset, end), csv, url, start, end, table.Records, pages, cancellationToken);
                result = Result(written ? IngestRunResult.Ingested : IngestRunResult.AlreadyIngested, table.Records, pages);
            }
        }
        catch (SourceFetchException e)
        {
            result = Result(IngestRunResult.Failed, reason: e.Message);
            await AlertAsync(result, url, e.Attempts, alertsTopicArn, cancellationToken);
        }

        activity?.SetTag("lake.outcome", result.Outcome);
        await runs.RecordAsync(result, cancellationToken);
        IngestHttpTelemetry.Runs.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome), new KeyValuePair<string, object?>("lake.dataset", dataset));
        return result;
    }

    /// <summary>The run's upload id: the same for every run of one dataset's scheduled time.</summary>
    public static UploadId UploadIdOf(string dataset, DateTimeOffset scheduledTime) =>
        UploadId.Parse(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"ingest-http\n{dataset}\n{SourceReader.Iso(scheduledTime)}")))[..32]);

    private static string FileName(string dataset, DateTimeOffset end) => $"{dataset}-{end:yyyyMMdd'T'HHmmss'Z'}.csv";

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(rawBucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<bool> WriteAsync(
        DatasetContract contract, UploadId uploadId, string rawKey, string fileName, byte[] csv, Uri url,
        DateTimeOffset start, DateTimeOffset end, int records, int pages, CancellationToken cancellationToken)
    {
        // Requested first, naming the key: validate takes the object for this upload only when the status says so.
        await uploads.RecordStageAsync(uploadId, contract.Dataset, fileName, UploadStage.Requested, UploadMetadata.WithTraceId(new()
        {
            ["bytes"] = csv.LongLength.ToString(CultureInfo.InvariantCulture),
            ["rawKey"] = rawKey,
            ["source"] = url.GetLeftPart(UriPartial.Path),
            ["windowStart"] = SourceReader.Iso(start),
            ["windowEnd"] = SourceReader.Iso(end),
            ["records"] = records.ToString(CultureInfo.InvariantCulture),
            ["pages"] = pages.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        var put = new PutObjectRequest
        {
            BucketName = rawBucket,
            Key = rawKey,
            InputStream = new MemoryStream(csv),
            ContentType = "text/csv",
            IfNoneMatch = "*",
        };
        put.Metadata.Add(UploadMetadata.UploadId, uploadId.Value);
        put.Metadata.Add(UploadMetadata.Dataset, contract.Dataset);
        put.Metadata.Add(UploadMetadata.OriginalName, UploadMetadata.EscapeName(fileName));
        put.Metadata.Add(UploadMetadata.TraceParent, Activity.Current?.Id ?? "");
        try
        {
            await s3.PutObjectAsync(put, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private async Task AlertAsync(IngestRunResult run, Uri url, int attempts, string alertsTopicArn, CancellationToken cancellationToken)
    {
        var alert = new JsonObject
        {
            ["type"] = FailedAlert,
            ["dataset"] = run.Dataset,
            ["scheduledTime"] = SourceReader.Iso(run.ScheduledTime),
            ["windowStart"] = SourceReader.Iso(run.WindowStart),
            ["source"] = url.GetLeftPart(UriPartial.Path),
            ["attempts"] = attempts,
            ["reason"] = run.Reason,
        };
        try
        {
            await sns.PublishAsync(new PublishRequest
            {
                TopicArn = alertsTopicArn,
                Subject = $"Lake: scheduled ingestion of {run.Dataset} failed",
                Message = alert.ToJsonString(),
                MessageAttributes = { ["type"] = new MessageAttributeValue { StringValue = FailedAlert } },
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"{{\"level\":\"error\",\"dataset\":\"{run.Dataset}\",\"error\":{System.Text.Json.JsonSerializer.Serialize($"could not alert about the failed run: {ex.Message}")}}}");
        }
    }
}
