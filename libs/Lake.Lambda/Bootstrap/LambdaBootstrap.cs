using Lake.Lambda.Client;

namespace Lake.Lambda.Bootstrap;

/// <summary>The function a bootstrap runs: an invocation in, a response out.</summary>
public delegate Task<InvocationResponse> LambdaBootstrapHandler(InvocationRequest invocation, CancellationToken cancellationToken);

/// <summary>
/// The runtime loop: get the next invocation, run the handler, send its response or report its error,
/// forever. A handler's exception fails its invocation only; a failed initialisation is reported and
/// ends the process; cancellation (SIGTERM) ends the loop between or during invocations.
/// </summary>
public sealed class LambdaBootstrap(IRuntimeApiClient client, LambdaBootstrapHandler handler, Func<CancellationToken, Task>? initializer = null)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires. Returns false when initialisation failed.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (initializer is not null && !await InitializeAsync(initializer, cancellationToken))
        {
            return false;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            InvocationRequest invocation;
            try
            {
                invocation = await client.GetNextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await InvokeOnceAsync(invocation, cancellationToken);
        }

        return true;
    }

    private async Task<bool> InitializeAsync(Func<CancellationToken, Task> init, CancellationToken cancellationToken)
    {
        try
        {
            await init(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await client.ReportInitializationErrorAsync(ex, cancellationToken);
            return false;
        }
    }

    private async Task InvokeOnceAsync(InvocationRequest invocation, CancellationToken stopping)
    {
        var requestId = invocation.LambdaContext.AwsRequestId;

        // The handler is told to stop at its deadline or when the process is asked to.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var remaining = invocation.LambdaContext.RemainingTime;
        deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        InvocationResponse response;
        try
        {
            response = await handler(invocation, deadline.Token);
        }
        catch (Exception ex)
        {
            await client.ReportInvocationErrorAsync(requestId, ex, CancellationToken.None);
            return;
        }

        await using (response.OutputStream)
        {
            await client.SendResponseAsync(requestId, response.OutputStream, CancellationToken.None);
        }
    }
}
