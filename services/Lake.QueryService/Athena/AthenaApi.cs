using System.Text.Json;
using Lake.Aws.Athena;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Athena;

/// <summary>
/// The Athena API at the service's root: AWS JSON 1.1, <c>POST /</c> with <c>X-Amz-Target: AmazonAthena.&lt;Operation&gt;</c>,
/// SigV4-signed, so <c>aws athena ... --endpoint-url http://query-service</c> and Athena clients work against it.
/// Requests from a browser page of another origin are refused before anything else. Errors are Athena's JSON shape.
/// </summary>
public static class AthenaApi
{
    public const string TargetPrefix = "AmazonAthena.";
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>
    /// Answers every <c>POST /</c>. A middleware, not an endpoint: a POST-only route at <c>/</c> would answer the
    /// console's <c>GET /</c> with 405 before the static files could serve it.
    /// </summary>
    public static IApplicationBuilder UseAthenaApi(this WebApplication app)
    {
        AthenaDialect.Install(app.Services.GetRequiredService<Sandbox.SandboxedDatabase>(), app.Services.GetRequiredService<Cache.LakeCache>().Database);
        return app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/")
            {
                var services = context.RequestServices;
                await HandleAsync(context, services.GetRequiredService<AthenaRequestSigning>(), services.GetRequiredService<AthenaOperations>(),
                    services.GetRequiredService<IOptions<AthenaOptions>>());
                return;
            }

            await next(context);
        });
    }

    private static async Task HandleAsync(HttpContext context, AthenaRequestSigning signing, AthenaOperations operations, IOptions<AthenaOptions> options)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            RefuseOtherOrigins(context.Request);
            var body = await ReadBodyAsync(context.Request, options.Value.MaxRequestBytes, context.RequestAborted);
            await signing.VerifyAsync(context.Request, body);
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
            {
                throw new AthenaException(StatusCodes.Status400BadRequest, "UnknownOperationException", $"X-Amz-Target '{target}' is not an Athena operation (AmazonAthena.<Operation>).");
            }

            var response = await operations.InvokeAsync(target[TargetPrefix.Length..], body, context.RequestAborted);
            context.Response.ContentType = ContentType;
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(response, response.GetType(), AthenaJson.Options), context.RequestAborted);
        }
        catch (AthenaException error)
        {
            await WriteErrorAsync(context, error);
        }
    }

    private static void RefuseOtherOrigins(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if ((origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            || site is "cross-site" or "same-site")
        {
            throw new AthenaException(StatusCodes.Status403Forbidden, "AccessDeniedException", "Cross-origin requests are refused.");
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16_384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static AthenaException TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLargeException", $"The request body is over {limit} bytes (Athena:MaxRequestBytes).");

    private static async Task WriteErrorAsync(HttpContext context, AthenaException error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        var body = new Dictionary<string, string> { ["__type"] = error.ErrorType, ["Message"] = error.Message };
        if (error.AthenaErrorCode is { } code)
        {
            body["AthenaErrorCode"] = code;
        }

        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body), context.RequestAborted);
    }
}
