using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lake.Lambda.Client;
using Lake.Lambda.Context;

namespace Lake.Lambda.Bootstrap;

/// <summary>Turns a typed function (event in, result out, JSON both ways) into a <see cref="LambdaBootstrapHandler"/>.</summary>
public static class TypedHandler
{
    public static LambdaBootstrapHandler For<TEvent, TResult>(
        Func<TEvent, ILambdaContext, CancellationToken, Task<TResult>> function,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType) =>
        async (invocation, cancellationToken) =>
        {
            var input = JsonSerializer.Deserialize(invocation.Payload.Span, eventType)
                ?? throw new JsonException($"The invocation payload is not a {typeof(TEvent).Name}: it is JSON null.");
            var result = await function(input, invocation.LambdaContext, cancellationToken);
            var output = new MemoryStream();
            await JsonSerializer.SerializeAsync(output, result, resultType, cancellationToken);
            output.Position = 0;
            return new InvocationResponse(output);
        };
}
