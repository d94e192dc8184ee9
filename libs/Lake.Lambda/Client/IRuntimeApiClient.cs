namespace Lake.Lambda.Client;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01) as a function sees it. The seam tests replace;
/// <see cref="RuntimeApiClient"/> speaks HTTP to <c>AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
public interface IRuntimeApiClient
{
    /// <summary>Long-polls for the next invocation; returns when one arrives.</summary>
    Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken);

    /// <summary>Sends the handler's result for the invocation.</summary>
    Task SendResponseAsync(string awsRequestId, Stream output, CancellationToken cancellationToken);

    /// <summary>Reports that the handler failed on the invocation.</summary>
    Task ReportInvocationErrorAsync(string awsRequestId, Exception exception, CancellationToken cancellationToken);

    /// <summary>Reports that the function could not initialise; the runtime then exits.</summary>
    Task ReportInitializationErrorAsync(Exception exception, CancellationToken cancellationToken);
}
