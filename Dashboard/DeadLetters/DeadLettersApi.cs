using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.DeadLetters;

/// <summary><c>/api/dlq</c> (both dead-letter queues with a look at their messages) and <c>/api/dlq/{queue}/redrive</c>.</summary>
internal static class DeadLettersApi
{
    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dlq", async (DeadLetterQueues dlqs, CancellationToken cancellationToken) =>
        {
            var views = new List<DeadLetterQueueView>();
            foreach (var name in dlqs.Names)
            {
                views.Add(await dlqs.DescribeAsync(name, dlqs.Find(name)!, withSample: true, cancellationToken));
            }

            return TypedResults.Ok(views);
        });
        app.MapPost("/api/dlq/{queue}/redrive", RedriveAsync);
        return app;
    }

    private static async Task<Results<Ok<RedriveResult>, NotFound<string>>> RedriveAsync(
        string queue, DeadLetterQueues dlqs, Redriver redriver, CancellationToken cancellationToken)
    {
        if (dlqs.Find(queue) is not { } work)
        {
            return TypedResults.NotFound($"No work queue is named '{queue}': use {string.Join(" or ", dlqs.Names)}.");
        }

        return TypedResults.Ok(await redriver.RedriveAsync(queue, work, cancellationToken));
    }
}
