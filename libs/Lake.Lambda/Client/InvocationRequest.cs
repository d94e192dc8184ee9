using Lake.Lambda.Context;

namespace Lake.Lambda.Client;

/// <summary>One invocation: its payload and its context.</summary>
public sealed class InvocationRequest(byte[] payload, ILambdaContext lambdaContext)
{
    /// <summary>The event, as the Runtime API delivered it (JSON, usually).</summary>
    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public ILambdaContext LambdaContext { get; } = lambdaContext;

    public Stream InputStream => new MemoryStream(payload, writable: false);
}

/// <summary>What a handler returns: the bytes the invoker receives.</summary>
public sealed class InvocationResponse(Stream outputStream)
{
    public static InvocationResponse Empty => new(Stream.Null);

    public Stream OutputStream { get; } = outputStream;
}
