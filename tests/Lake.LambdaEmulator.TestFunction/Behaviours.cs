using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lake.Lambda;
using Lake.Lambda.Client;
using Lake.Lambda.Events;

namespace Lake.LambdaEmulator.TestFunction;

/// <summary>
/// Direct invocations carry <c>{"action": ...}</c>; SQS batches carry one instruction per message body:
/// <c>ok</c>, <c>fail</c> (reported as a batch item failure), <c>crash-once:&lt;marker file&gt;</c> (the process
/// exits the first time). Every message handled successfully is appended to <c>TEST_FUNCTION_LOG</c>.
/// </summary>
internal static class Behaviours
{
    public static Task InitializeAsync(CancellationToken cancellationToken) =>
        Environment.GetEnvironmentVariable("TEST_FUNCTION_FAIL_INIT") == "1"
            ? throw new InvalidOperationException("initialisation failed on purpose")
            : Task.CompletedTask;

    public static async Task<InvocationResponse> HandleAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(invocation.Payload.Span)!.AsObject();
        if (payload.ContainsKey("Records"))
        {
            var batch = JsonSerializer.Deserialize(invocation.Payload.Span, LambdaJsonContext.Default.SQSEvent)!;
            return Respond(JsonSerializer.Serialize(await HandleBatchAsync(batch), LambdaJsonContext.Default.SQSBatchResponse));
        }

        var context = invocation.LambdaContext;
        switch ((string?)payload["action"])
        {
            case "fail":
                throw new InvalidOperationException("asked to fail");
            case "hang":
                // Ignores the deadline on purpose: the emulator must time it out.
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                break;
            case "exit":
                Environment.Exit((int?)payload["code"] ?? 3);
                break;
            case "context":
                return Respond(new JsonObject
                {
                    ["requestId"] = context.AwsRequestId,
                    ["functionName"] = context.FunctionName,
                    ["arn"] = context.InvokedFunctionArn,
                    ["memory"] = context.MemoryLimitInMB,
                    ["remainingMs"] = (long)context.RemainingTime.TotalMilliseconds,
                    ["pid"] = Environment.ProcessId,
                }.ToJsonString());
        }

        return Respond(payload.ToJsonString());
    }

    private static async Task<SQSBatchResponse> HandleBatchAsync(SQSEvent batch)
    {
        var response = new SQSBatchResponse();
        foreach (var message in batch.Records)
        {
            if (message.Body == "fail")
            {
                response.BatchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                continue;
            }

            if (message.Body.StartsWith("crash-once:", StringComparison.Ordinal) && CrashFirstTime(message.Body["crash-once:".Length..]))
            {
                Environment.Exit(3);
            }

            if (Environment.GetEnvironmentVariable("TEST_FUNCTION_LOG") is { Length: > 0 } log)
            {
                await File.AppendAllTextAsync(log, $"{message.Body}\n");
            }
        }

        return response;
    }

    private static bool CrashFirstTime(string marker)
    {
        if (File.Exists(marker))
        {
            return false;
        }

        File.WriteAllText(marker, "crashed");
        return true;
    }

    private static InvocationResponse Respond(string json) => new(new MemoryStream(Encoding.UTF8.GetBytes(json)));
}
