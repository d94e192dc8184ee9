using System.Text.Json;
using Lake.LambdaEmulator.Functions;

namespace Lake.LambdaEmulator.Apis;

/// <summary>
/// The Lambda service's Invoke and ListFunctions operations (REST-JSON, API version 2015-03-31), enough for
/// <c>aws lambda invoke --endpoint-url ...</c> and the SDKs.
/// </summary>
public static class InvokeApi
{
    /// <summary>AWS's member names are PascalCase as written; the web defaults would camel-case them.</summary>
    private static readonly JsonSerializerOptions AwsJson = new(JsonSerializerDefaults.General);

    public static IEndpointRouteBuilder MapInvokeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/2015-03-31/functions/{name}/invocations", InvokeAsync);
        app.MapGet("/2015-03-31/functions", ListFunctions);
        return app;
    }

    private static async Task<IResult> InvokeAsync(string name, FunctionRegistry registry, HttpContext http, IConfiguration configuration)
    {
        if (registry.Find(name) is not { } function)
        {
            return Error(StatusCodes.Status404NotFound, "ResourceNotFoundException",
                $"Function not found: {FunctionRegistry.ArnOf(name, configuration.Region(), configuration.AccountId())}");
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var payload = body.Length == 0 ? "{}"u8.ToArray() : body.ToArray();
        if (!IsJson(payload))
        {
            return Error(StatusCodes.Status400BadRequest, "InvalidRequestContentException", "Could not parse request body into json: the payload is not valid JSON.");
        }

        var traceId = http.Request.Headers["X-Amz-Trace-Id"].FirstOrDefault();
        switch (http.Request.Headers["X-Amz-Invocation-Type"].FirstOrDefault() ?? "RequestResponse")
        {
            case "DryRun":
                return Results.NoContent();
            case "Event":
                // Lambda queues asynchronous invocations and answers at once.
                _ = function.InvokeAsync(payload, traceId, CancellationToken.None);
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case "RequestResponse":
                var result = await function.InvokeAsync(payload, traceId, http.RequestAborted);
                http.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
                if (result.IsError)
                {
                    // Lambda says "Unhandled" for every function error; the body's errorType tells them apart.
                    http.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
                }

                return Results.Bytes(result.Payload, "application/json");
            case var other:
                return Error(StatusCodes.Status400BadRequest, "InvalidParameterValueException", $"Unknown invocation type '{other}': use RequestResponse, Event or DryRun.");
        }
    }

    private static IResult ListFunctions(FunctionRegistry registry, IConfiguration configuration) => Results.Json(new
    {
        Functions = registry.All.Select(f => new
        {
            FunctionName = f.Name,
            FunctionArn = FunctionRegistry.ArnOf(f.Name, configuration.Region(), configuration.AccountId()),
            Runtime = "provided.al2023",
            Handler = "bootstrap",
            Timeout = f.Options.TimeoutSeconds,
            MemorySize = f.Options.MemorySize,
            Version = "$LATEST",
        }),
    }, options: AwsJson);

    private static bool IsJson(byte[] payload)
    {
        try
        {
            using var _ = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Lambda's REST-JSON error: the code in <c>x-amzn-ErrorType</c>, the message in the body.</summary>
    private static IResult Error(int status, string code, string message) =>
        new LambdaErrorResult(status, code, message);

    private sealed class LambdaErrorResult(int status, string code, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.Headers["x-amzn-ErrorType"] = code;
            return http.Response.WriteAsJsonAsync(new { Type = "User", Message = message }, AwsJson);
        }
    }
}
