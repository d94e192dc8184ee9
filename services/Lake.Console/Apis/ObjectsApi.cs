using Amazon.S3;
using Amazon.S3.Model;
using Lake.Configuration;
using Lake.Console.Model;
using Microsoft.Extensions.Options;

namespace Lake.Console.Apis;

/// <summary>
/// <c>/objects/{zone}/{key}</c>: an object of one of the lake's zones, or (for a key ending in '/') the keys under
/// that prefix, at most 1,000. Objects are untrusted: they are served as plain text or as a download, never as a page.
/// </summary>
internal static class ObjectsApi
{
    private const int MaxKeysListed = 1000;

    public static IEndpointRouteBuilder MapObjectsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/objects/{zone}/{**key}", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        string zone, string? key, HttpContext context, IOptions<LakeOptions> lake, IAmazonS3 s3, CancellationToken cancellationToken)
    {
        if (ObjectZones.Bucket(lake.Value.Buckets, zone) is not { } bucket)
        {
            return TypedResults.Problem($"The zones are {ObjectZones.Raw}, {ObjectZones.Clean}, {ObjectZones.Rejected}, {ObjectZones.Curated} and {ObjectZones.Quarantine}.",
                statusCode: StatusCodes.Status404NotFound, title: "No such zone");
        }

        key ??= "";
        try
        {
            if (key.Length == 0 || key.EndsWith('/'))
            {
                var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = key, MaxKeys = MaxKeysListed }, cancellationToken);
                return TypedResults.Ok((listed.S3Objects ?? []).Select(o => new { o.Key, o.Size, href = ObjectZones.Href(zone, o.Key) }));
            }

            var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
            context.Response.Headers.ContentSecurityPolicy = "sandbox";
            var text = key.EndsWith(".csv", StringComparison.Ordinal) || key.EndsWith(".json", StringComparison.Ordinal) || key.EndsWith(".txt", StringComparison.Ordinal);
            return text
                ? TypedResults.Stream(response.ResponseStream, "text/plain; charset=utf-8")
                : TypedResults.Stream(response.ResponseStream, "application/octet-stream", Path.GetFileName(key));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return TypedResults.Problem($"s3://{bucket}/{key} does not exist ({ex.ErrorCode}).", statusCode: StatusCodes.Status404NotFound, title: "Object not found");
        }
    }
}
