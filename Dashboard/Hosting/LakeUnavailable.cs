using Amazon.Runtime;
using Lake.Aws;
using Microsoft.AspNetCore.Http;

namespace Lake.Dashboard.Hosting;

/// <summary>
/// An AWS call that fails (the emulator not up yet, a resource not provisioned) answers 503 with what AWS said,
/// so a page shows the reason instead of an error page, and keeps polling.
/// </summary>
internal static class LakeUnavailable
{
    public static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is AwsServiceException or AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"The lake did not answer: {ex.Message}", context.RequestAborted);
        }
    }
}
