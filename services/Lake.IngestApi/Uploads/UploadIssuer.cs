using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Lake.Configuration;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.IngestApi.Uploads;

/// <summary>
/// Issues a presigned PUT into the raw zone at <c>{dataset}/ingest_date={yyyy-MM-dd}/{uploadId}.csv</c> (DESIGN §5),
/// with the upload id, dataset, original name and the request's <c>traceparent</c> signed into the object's
/// metadata (DESIGN §6), and records the upload as Requested. The URL writes its one key once: <c>If-None-Match: *</c>
/// (S3 answers a second PUT 412 PreconditionFailed), the declared <c>Content-Length</c> and <c>Content-Type: text/csv</c>
/// are signed too, so another size, another type or another key is 403 SignatureDoesNotMatch.
/// </summary>
internal sealed class UploadIssuer(IAmazonS3 s3, UploadStatusStore status, IOptions<LakeOptions> lake, IOptions<IngestOptions> options, TimeProvider clock)
{
    public const string ContentType = "text/csv";
    public const string IfNoneMatch = "If-None-Match";

    public async Task<CreateUploadResponse> IssueAsync(CreateUploadRequest request, CancellationToken cancellationToken)
    {
        var uploadId = UploadId.New();
        var now = clock.GetUtcNow();
        var key = $"{request.Dataset}/ingest_date={now:yyyy-MM-dd}/{uploadId}.csv";
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [UploadMetadata.UploadId] = uploadId.Value,
            [UploadMetadata.Dataset] = request.Dataset,
            [UploadMetadata.OriginalName] = UploadMetadata.EscapeName(request.FileName),
            [UploadMetadata.TraceParent] = Activity.Current?.Id ?? "",
        };
        var presign = new GetPreSignedUrlRequest
        {
            BucketName = lake.Value.Buckets.Raw,
            Key = key,
            Verb = HttpVerb.PUT,
            Expires = now.AddMinutes(options.Value.UrlExpiryMinutes).UtcDateTime,
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            ContentType = ContentType,
        };
        presign.Headers[IfNoneMatch] = "*";
        presign.Headers.ContentLength = request.Size;
        foreach (var (name, value) in metadata)
        {
            presign.Metadata.Add(name, value);
        }

        var url = await s3.GetPreSignedURLAsync(presign);
        await status.RecordStageAsync(uploadId, request.Dataset, request.FileName, UploadStage.Requested, new Dictionary<string, string>
        {
            ["bytes"] = request.Size.ToString(CultureInfo.InvariantCulture),
            ["rawKey"] = key,
        }, cancellationToken);
        var headers = metadata.ToDictionary(m => $"x-amz-meta-{m.Key}", m => m.Value, StringComparer.Ordinal);
        headers["Content-Type"] = ContentType;
        headers["Content-Length"] = request.Size.ToString(CultureInfo.InvariantCulture);
        headers[IfNoneMatch] = "*";
        return new CreateUploadResponse(uploadId.Value, "PUT", new Uri(url), headers, new DateTimeOffset(presign.Expires.Value, TimeSpan.Zero), key);
    }
}
