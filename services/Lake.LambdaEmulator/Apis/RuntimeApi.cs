using System.Globalization;
using System.Text;
using System.Text.Json;
using Lake.Lambda.Client;
using Lake.LambdaEmulator.Functions;

namespace Lake.LambdaEmulator.Apis;

/// <summary>
/// The Lambda Runtime API (2018-06-01) that function processes poll. Each process is told its own base,
/// <c>AWS_LAMBDA_RUNTIME_API=host:port/runtime-api/{function}/{instance}</c>, so the emulator knows who
/// holds which invocation.
/// </summary>
public static class RuntimeApi
{
    public static IEndpointRouteBuilder MapRuntimeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/runtime-api/{function}/{instance}/2018-06-01/runtime");
        api.MapGet("/invocation/next", NextAsync);
        api.MapPost("/invocation/{requestId}/response", ResponseAsync);
        api.MapPost("/invocation/{requestId}/error", ErrorAsync);
        api.MapPost("/init/error", InitErrorAsync);
        return app;
    }

    private static async Task<IResult> NextAsync(
        string function, string instance, FunctionRegistry registry, HttpContext http, IConfiguration configuration)
    {
        if (registry.Find(function) is not { } runtime)
        {
            return UnknownFunction(function);
        }

        Invocation invocation;
        try
        {
            invocation = await runtime.NextAsync(instance, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return Results.Empty;
        }

        if (http.RequestAborted.IsCancellationRequested)
        {
            runtime.Return(invocation);
            return Results.Empty;
        }

        var headers = http.Response.Headers;
        headers[RuntimeApiHeaders.RequestId] = invocation.RequestId;
        headers[RuntimeApiHeaders.DeadlineMs] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers[RuntimeApiHeaders.InvokedFunctionArn] = FunctionRegistry.ArnOf(runtime.Name, configuration.Region(), configuration.AccountId());
        if (invocation.TraceId is { } traceId)
        {
            headers[RuntimeApiHeaders.TraceId] = traceId;
        }

        return Results.Bytes(invocation.Payload, "application/json");
    }

    private static async Task<IResult> ResponseAsync(string function, string requestId, FunctionRegistry registry, HttpRequest request) =>
        await CompleteAsync(function, requestId, registry, request, errorType: null);

    private static async Task<IResult> ErrorAsync(string function, string requestId, FunctionRegistry registry, HttpRequest request) =>
        await CompleteAsync(function, requestId, registry, request, request.Headers[RuntimeApiHeaders.FunctionErrorType].FirstOrDefault() ?? "Unhandled");

    private static async Task<IResult> CompleteAsync(string function, string requestId, FunctionRegistry registry, HttpRequest request, string? errorType)
    {
        if (registry.Find(function) is not { } runtime)
        {
            return UnknownFunction(function);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);

        // Lambda reports every function error to the invoker as "Unhandled"; the detail is in the body.
        var result = new InvocationResult(body.ToArray(), errorType is null ? null : "Unhandled");
        return runtime.Complete(requestId, result)
            ? Results.Accepted(value: new { status = "OK" })
            : Results.BadRequest(new { errorMessage = $"Invalid request ID: {requestId} is not in flight (timed out or already answered).", errorType = "InvalidRequestID" });
    }

    private static async Task<IResult> InitErrorAsync(string function, string instance, FunctionRegistry registry, HttpRequest request, ILogger<FunctionRegistry> logger)
    {
        if (registry.Find(function) is not { } runtime)
        {
            return UnknownFunction(function);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var error = body.ToArray();
        var failed = runtime.InitFailed(IsJsonObject(error) ? error : InvocationResult.Failed(FunctionRuntime.InitErrorType, Encoding.UTF8.GetString(error)).Payload);
        logger.LogError("{Function}: process {Instance} failed to initialise ({ErrorType}): {Error}; {Failed}", function, instance,
            request.Headers[RuntimeApiHeaders.FunctionErrorType].FirstOrDefault() ?? "Unhandled", Encoding.UTF8.GetString(error),
            failed is null ? "no invocation was waiting" : $"invocation {failed} fails with {FunctionRuntime.InitErrorType}");
        return Results.Accepted(value: new { status = "OK" });
    }

    private static bool IsJsonObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IResult UnknownFunction(string function) =>
        Results.NotFound(new { errorMessage = $"No function named '{function}' is configured.", errorType = "ResourceNotFound" });
}
