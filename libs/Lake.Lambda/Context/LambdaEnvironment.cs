using System.Globalization;

namespace Lake.Lambda.Context;

/// <summary>
/// The environment Lambda gives a function's process, behind a lookup so tests can supply their own.
/// </summary>
public sealed class LambdaEnvironment(Func<string, string?> lookup)
{
    public static LambdaEnvironment FromProcess() => new(Environment.GetEnvironmentVariable);

    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c>: <c>host:port</c> of the Runtime API.</summary>
    public string RuntimeApi => lookup("AWS_LAMBDA_RUNTIME_API") is { Length: > 0 } api
        ? api
        : throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this program runs under Lambda or Lake's Lambda emulator.");

    public string FunctionName => lookup("AWS_LAMBDA_FUNCTION_NAME") ?? "";

    public string FunctionVersion => lookup("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST";

    public int MemoryLimitInMB =>
        int.TryParse(lookup("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : 128;
}
