using Lake.Console.Model;
using Lake.Console.Security;
using Lake.Console.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lake.Console.Apis;

/// <summary><c>/api/dlq</c> (both dead-letter queues with a look at their messages) and <c>POST /api/dlq/{queue}/redrive</c>.</summary>
internal static class DeadLettersApi
{
    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dlq", async (DeadLetterQueues dlqs, CancellationToken cancellationToken) =>
        {
            var views = new List<DeadLetterQueueView>();
            foreach (var name in dlqs.Names)
            {
                views.Add(await dlqs.DescribeAsync(name, dlqs.Find(name)!, cancellationToken));
            }

            return TypedResults.Ok(views);
        });
        app.MapPost("/api/dlq/{queue}/redrive", RedriveAsync).RefuseCrossSite(CrossSiteProtection.Json);
        return app;
    }

    private static async Task<Results<Ok<RedriveResult>, ProblemHttpResult>> RedriveAsync(
        string queue, DeadLetterQueues dlqs, Redriver redriver, CancellationToken cancellationToken)
    {
        if (dlqs.Find(queue) is not { } work)
        {
            return TypedResults.Problem($"No work queue is named '{queue}': use {string.Join(" or ", dlqs.Names)}.",
                statusCode: StatusCodes.Status404NotFound, title: "No such queue");
        }

        return TypedResults.Ok(await redriver.RedriveAsync(queue, work, cancellationToken));
    }
}
