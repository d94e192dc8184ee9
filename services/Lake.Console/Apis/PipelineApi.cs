using Lake.Configuration;
using Lake.Console.Infrastructure;
using Lake.Console.Model;
using Lake.Console.Services;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.Console.Apis;

/// <summary><c>/api/pipeline</c>: uploads per stage (status table), queue and dead-letter depths, alerts, the query service's health.</summary>
internal static class PipelineApi
{
    /// <summary>The picture counts this many of the most recent uploads (the listing is a bounded Scan).</summary>
    public const int UploadsCounted = 1000;

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pipeline", async (
            UploadStatusStore uploads, LakeQueues queues, AlertInbox inbox, QueryServiceClient query,
            IOptions<LakeOptions> lake, IOptions<ConsoleOptions> options, CancellationToken cancellationToken) =>
        {
            var queryState = query.StateAsync(cancellationToken);
            var recent = await uploads.ListRecentAsync(UploadsCounted, cancellationToken: cancellationToken);
            var stages = Enum.GetValues<UploadStage>().Where(s => s != UploadStage.Served).ToDictionary(s => s.ToString(), s => recent.Count(u => u.Stage == s));
            var q = lake.Value.Queues;
            return TypedResults.Ok(new PipelineView(
                stages,
                recent.Count,
                await queues.DepthAsync(q.Validate.Name, cancellationToken),
                await queues.DepthAsync(q.Validate.DeadLetterQueueName, cancellationToken),
                await queues.DepthAsync(q.Transform.Name, cancellationToken),
                await queues.DepthAsync(q.Transform.DeadLetterQueueName, cancellationToken),
                inbox.Alerts.GroupBy(a => a.Type).ToDictionary(g => g.Key, g => g.Count()),
                await queryState,
                options.Value.Dashboard?.ToString()));
        });
        return app;
    }
}
