using Microsoft.AspNetCore.Diagnostics;

namespace Lake.Console.Infrastructure;

/// <summary>
/// Every exception a request ends in becomes an RFC 7807 problem that names what failed and never carries a stack
/// trace or the request's headers, in every environment (the AppHost runs services as Development). An AWS call that
/// fails (the emulator not up yet, a resource not provisioned) answers 503 with what AWS said, so a page shows the
/// reason and keeps polling; a request that cannot be read answers its 4xx; anything else 500, told in the log only.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            Lake.Aws.AwsServiceException or Amazon.Runtime.AmazonServiceException or HttpRequestException =>
                (StatusCodes.Status503ServiceUnavailable, "Lake unavailable", $"The lake did not answer: {exception.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The console could not answer this request; its log says why."),
        };
        if (status >= StatusCodes.Status500InternalServerError && status != StatusCodes.Status503ServiceUnavailable)
        {
            LogFailed(logger, exception, context.Request.Method, context.Request.Path);
        }
        else
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, status, exception.Message);
        }

        context.Response.StatusCode = status;
        // The exception is not handed to the writer: nothing of it but the message chosen above reaches the client.
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string reason);
}
