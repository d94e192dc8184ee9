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
/// metadata (DESIGN §6), and records the upload as Requested.
/// </summary>
internal sealed class UploadIssuer(IAmazonS3 s3, UploadStatusStore status, IOptions<LakeOptions> lake, IOptions<IngestOptions> options, TimeProvider clock)
{
    public async Task<CreateUploadResponse> IssueAsync(CreateUploadRequest request, CancellationToken cancellationToken)
    {
        var uploadId = UploadId.New();
        var now = clock.GetUtcNow();
        var key = $"{request.Dataset}/ingest_date={now:yyyy-MM-dd}/{uploadId}.csv";
        var metadata = new Dictionary<string, string>
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
        };
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
        return new CreateUploadResponse(
            uploadId.Value, "PUT", new Uri(url),
            metadata.ToDictionary(m => $"x-amz-meta-{m.Key}", m => m.Value),
            new DateTimeOffset(presign.Expires.Value, TimeSpan.Zero), key);
    }
}
