using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Lake.LambdaEmulator.Functions;

/// <summary>
/// One function's invocations: queued until a process asks for the next one, then in flight until the
/// process responds, fails, times out or dies. Thread-safe.
/// </summary>
public sealed class FunctionRuntime(string name, FunctionOptions options, ILogger logger)
{
    private readonly Channel<Invocation> _waiting = Channel.CreateUnbounded<Invocation>();
    private readonly ConcurrentDictionary<string, Invocation> _inFlight = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public FunctionOptions Options { get; } = options;

    /// <summary>How an invocation ends when the environment it waited for failed its init phase.</summary>
    public const string InitErrorType = "Runtime.InitError";

    /// <summary>Raised when a process overran the timeout and must be replaced (argument: its instance id).</summary>
    public event Action<string>? InstanceTimedOut;

    /// <summary>Queues an invocation and waits for its result (the Invoke API's RequestResponse).</summary>
    public async Task<InvocationResult> InvokeAsync(byte[] payload, string? traceId, CancellationToken cancellationToken)
    {
        var invocation = new Invocation(payload, traceId);
        await _waiting.Writer.WriteAsync(invocation, cancellationToken);
        return await invocation.Result.WaitAsync(cancellationToken);
    }

    /// <summary>The Runtime API's <c>/next</c>: blocks until an invocation is waiting, then hands it to <paramref name="instance"/>.</summary>
    internal async Task<Invocation> NextAsync(string instance, CancellationToken cancellationToken)
    {
        while (true)
        {
            var invocation = await _waiting.Reader.ReadAsync(cancellationToken);
            if (invocation.Result.IsCompleted)
            {
                continue;
            }

            invocation.Instance = instance;
            invocation.Deadline = DateTimeOffset.UtcNow.AddSeconds(Options.TimeoutSeconds);
            _inFlight[invocation.RequestId] = invocation;
            _ = EnforceTimeoutAsync(invocation);
            return invocation;
        }
    }

    /// <summary>Puts back an invocation whose <c>/next</c> caller went away before receiving it.</summary>
    internal void Return(Invocation invocation)
    {
        if (_inFlight.TryRemove(invocation.RequestId, out _))
        {
            invocation.Instance = null;
            _waiting.Writer.TryWrite(invocation);
        }
    }

    /// <summary>The Runtime API's <c>/response</c> and <c>/error</c>. False when the request id is unknown or already ended.</summary>
    internal bool Complete(string requestId, InvocationResult result) =>
        _inFlight.TryRemove(requestId, out var invocation) && invocation.TryComplete(result);

    /// <summary>
    /// The Runtime API's <c>/init/error</c>: a process could not initialise. As Lambda fails the invocation whose
    /// environment's init failed (<c>Runtime.InitError</c>, with the error the runtime reported), the oldest waiting
    /// invocation fails with <paramref name="error"/>, so its caller (an event source) can retry it rather than wait for
    /// a process that never comes. Returns its request id; null when none was waiting.
    /// </summary>
    internal string? InitFailed(byte[] error)
    {
        while (_waiting.Reader.TryRead(out var invocation))
        {
            if (invocation.TryComplete(new InvocationResult(error, InitErrorType)))
            {
                return invocation.RequestId;
            }
        }

        return null;
    }

    /// <summary>A process died: whatever it was running fails, so an event source can retry it.</summary>
    internal void InstanceExited(string instance, int exitCode)
    {
        foreach (var invocation in _inFlight.Values.Where(i => i.Instance == instance))
        {
            if (_inFlight.TryRemove(invocation.RequestId, out _))
            {
                logger.LogWarning("{Function}: process {Instance} exited ({ExitCode}) during invocation {RequestId}", Name, instance, exitCode, invocation.RequestId);
                invocation.TryComplete(InvocationResult.Failed("Runtime.ExitError", $"RequestId: {invocation.RequestId} Error: Runtime exited with error: exit status {exitCode}"));
            }
        }
    }

    private async Task EnforceTimeoutAsync(Invocation invocation)
    {
        var remaining = invocation.Deadline - DateTimeOffset.UtcNow;
        if (await Task.WhenAny(invocation.Result, Task.Delay(remaining)) == invocation.Result)
        {
            return;
        }

        if (_inFlight.TryRemove(invocation.RequestId, out _)
            && invocation.TryComplete(InvocationResult.Failed("Sandbox.Timedout", $"RequestId: {invocation.RequestId} Error: Task timed out after {Options.TimeoutSeconds:0.00} seconds")))
        {
            logger.LogWarning("{Function}: invocation {RequestId} timed out after {Timeout}s", Name, invocation.RequestId, Options.TimeoutSeconds);

            // Lambda does not reuse an environment whose invocation timed out.
            InstanceTimedOut?.Invoke(invocation.Instance!);
        }
    }
}
