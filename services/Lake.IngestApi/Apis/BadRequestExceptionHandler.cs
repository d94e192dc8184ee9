using Microsoft.AspNetCore.Diagnostics;

namespace Lake.IngestApi.Apis;

/// <summary>
/// A body that cannot be bound (malformed JSON, a wrong type) is the client's mistake: 400 problem details naming the
/// parameter, in every environment, never the developer page's stack trace and request headers. Every other exception
/// falls through to the default handler's bare 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = bad.Message,
            },
        });
    }
}
