using Lake.Aws;
using Lake.Functions.IngestHttp.Runs;
using Lake.Lambda.Context;

namespace Lake.Functions.IngestHttp;

/// <summary>
/// The handler: one scheduled run per invocation. A run that fails to read its source is not a function error: it is
/// recorded, alerted and answered as <c>failed</c> (the function already retried with backoff; a Lambda retry would
/// only alert twice). A bad event (no such dataset) is a function error.
/// </summary>
public sealed class IngestHttpFunction(IngestRunner runner, string alertsTopicName, TimeProvider clock)
{
    public async Task<IngestRunResult> HandleAsync(ScheduledIngestEvent scheduled, ILambdaContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var at = scheduled.ScheduledTime ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (scheduled.Dataset is not { Length: > 0 } dataset)
        {
            // Nothing to run (the AppHost's health check invokes with an empty SQS batch): answered, not failed.
            return new IngestRunResult(IngestRunResult.Skipped, "", at, at, "", "", 0, 0, "the event names no dataset: {\"dataset\":\"orders\",\"scheduledTime\":\"...\"}");
        }

        // The alerts topic lives in the same account and region as the function.
        var result = await runner.RunAsync(dataset, at, AwsArn.Sibling(context.InvokedFunctionArn, "sns", alertsTopicName), cancellationToken);
        Console.WriteLine($"{{\"level\":\"{(result.Outcome == IngestRunResult.Failed ? "error" : "info")}\",\"requestId\":\"{context.AwsRequestId}\",\"dataset\":\"{dataset}\",\"scheduledTime\":\"{Fetching.SourceReader.Iso(at)}\",\"outcome\":\"{result.Outcome}\",\"records\":{result.Records},\"uploadId\":\"{result.UploadId}\"}}");
        return result;
    }
}
