using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Uploads;

/// <summary>
/// <c>/objects/{zone}/{key}</c>: an object of one of the lake's zones, or (for a key ending in '/') the keys under
/// that prefix. Objects are untrusted: they are served as plain text or as a download, never as a page.
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
        string zone, string key, HttpContext context, DashboardOptions options, IAmazonS3 s3, CancellationToken cancellationToken)
    {
        if (ObjectZones.Bucket(options.Lake.Buckets, zone) is not { } bucket)
        {
            return TypedResults.NotFound($"No zone is named '{zone}'.");
        }

        try
        {
            if (key.EndsWith('/'))
            {
                var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = key, MaxKeys = MaxKeysListed }, cancellationToken);
                return TypedResults.Ok((listed.S3Objects ?? []).Select(o => new { o.Key, o.Size, href = ObjectZones.Href(zone, o.Key) }));
            }

            var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.ContentSecurityPolicy = "sandbox";
            var text = key.EndsWith(".csv", StringComparison.Ordinal) || key.EndsWith(".json", StringComparison.Ordinal) || key.EndsWith(".txt", StringComparison.Ordinal);
            return text
                ? TypedResults.Stream(response.ResponseStream, "text/plain; charset=utf-8")
                : TypedResults.Stream(response.ResponseStream, "application/octet-stream", Path.GetFileName(key));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return TypedResults.NotFound($"s3://{bucket}/{key} does not exist ({ex.ErrorCode}).");
        }
    }
}
