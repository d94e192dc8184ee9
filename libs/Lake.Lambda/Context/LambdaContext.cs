namespace Lake.Lambda.Context;

internal sealed class LambdaContext(
    string awsRequestId, DateTimeOffset deadline, string invokedFunctionArn, string? traceId, LambdaEnvironment environment)
    : ILambdaContext
{
    public string AwsRequestId { get; } = awsRequestId;

    public string FunctionName => environment.FunctionName;

    public string FunctionVersion => environment.FunctionVersion;

    public string InvokedFunctionArn { get; } = invokedFunctionArn;

    public int MemoryLimitInMB => environment.MemoryLimitInMB;

    public DateTimeOffset Deadline { get; } = deadline;

    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;

    public string? TraceId { get; } = traceId;
}
