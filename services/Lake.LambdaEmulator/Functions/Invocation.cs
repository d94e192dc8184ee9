namespace Lake.LambdaEmulator.Functions;

/// <summary>How one invocation ended.</summary>
/// <param name="ErrorType">Null on success; else e.g. <c>Unhandled</c>, <c>Runtime.ExitError</c>, <c>Sandbox.Timedout</c>.</param>
/// <param name="Payload">The function's response, or the error document.</param>
public sealed record InvocationResult(byte[] Payload, string? ErrorType)
{
    public bool IsError => ErrorType is not null;

    public static InvocationResult Failed(string errorType, string message) => new(
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new Lake.Lambda.Client.LambdaError(message, errorType, []), Lake.Lambda.LambdaJsonContext.Default.LambdaError),
        errorType);
}

/// <summary>An invocation waiting for, or being run by, a function process.</summary>
internal sealed class Invocation(byte[] payload, string? traceId)
{
    private readonly TaskCompletionSource<InvocationResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = Guid.NewGuid().ToString();

    public byte[] Payload { get; } = payload;

    public string? TraceId { get; } = traceId;

    /// <summary>Set when a process picks it up: Lambda's clock starts then.</summary>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>The process instance running it, once picked up.</summary>
    public string? Instance { get; set; }

    public Task<InvocationResult> Result => _result.Task;

    /// <summary>Completes it once; later attempts (a late response after a timeout) are ignored and return false.</summary>
    public bool TryComplete(InvocationResult result) => _result.TrySetResult(result);
}
