namespace Lake.Lambda.Context;

/// <summary>What a handler knows about the invocation it is running (names as in Amazon.Lambda.Core).</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }

    string FunctionName { get; }

    string FunctionVersion { get; }

    string InvokedFunctionArn { get; }

    int MemoryLimitInMB { get; }

    /// <summary>When the invocation times out.</summary>
    DateTimeOffset Deadline { get; }

    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray trace header, when the invoker sent one.</summary>
    string? TraceId { get; }
}
