using Lake.Dashboard.Alerts;
using Lake.Dashboard.Aws;
using Lake.Dashboard.Resources;
using Lake.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Pipeline;

/// <summary>The live counts the pipeline picture draws.</summary>
/// <param name="Stages">Uploads whose current stage is each <see cref="UploadStage"/>, over the <paramref name="UploadsCounted"/> most recent.</param>
/// <param name="Alerts">Alerts held by the inbox, by type.</param>
/// <param name="Query">The <c>query</c> resource's state; <c>Absent</c> when the AppHost runs none.</param>
public sealed record PipelineView(
    IReadOnlyDictionary<string, int> Stages,
    int UploadsCounted,
    QueueDepth Validate,
    QueueDepth ValidateDeadLetters,
    QueueDepth Transform,
    QueueDepth TransformDeadLetters,
    IReadOnlyDictionary<string, int> Alerts,
    string Query);

/// <summary><c>/api/pipeline</c>: uploads per stage (status table), queue and dead-letter depths, alerts.</summary>
internal static class PipelineApi
{
    /// <summary>The picture counts this many of the most recent uploads (the listing is a bounded Scan).</summary>
    public const int UploadsCounted = 1000;

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pipeline", async (
            UploadStatusStore uploads, QueueDirectory queues, AlertInbox inbox, IResourceFeed feed, DashboardOptions options, CancellationToken cancellationToken) =>
        {
            var recent = await uploads.ListRecentAsync(UploadsCounted, cancellationToken: cancellationToken);
            var stages = Enum.GetValues<UploadStage>().ToDictionary(s => s.ToString(), s => recent.Count(u => u.Stage == s));
            var q = options.Lake.Queues;
            return TypedResults.Ok(new PipelineView(
                stages,
                recent.Count,
                await queues.DepthAsync(q.Validate.Name, cancellationToken),
                await queues.DepthAsync(q.Validate.DeadLetterQueueName, cancellationToken),
                await queues.DepthAsync(q.Transform.Name, cancellationToken),
                await queues.DepthAsync(q.Transform.DeadLetterQueueName, cancellationToken),
                inbox.Alerts.GroupBy(a => a.Type).ToDictionary(g => g.Key, g => g.Count()),
                feed.GetResources().FirstOrDefault(r => r.Name == QueryConsole.ResourceName)?.State.ToString() ?? "Absent"));
        });
        return app;
    }
}
