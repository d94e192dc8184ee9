using Microsoft.AspNetCore.Http.HttpResults;

namespace Lake.Scheduler.Schedules;

/// <summary>
/// <c>GET /v1/schedules</c>: each schedule with its next and last run. <c>POST /v1/schedules/{dataset}/runs</c> (API
/// key): runs the schedule now, for the current second as its scheduled time, and answers the run's outcome.
/// </summary>
public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/schedules", (ScheduleBook book) => TypedResults.Ok(book.All()));
        app.MapPost("/v1/schedules/{dataset}/runs", RunNowAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<RunNowResponse>, ProblemHttpResult>> RunNowAsync(
        string dataset, ScheduleBook book, FunctionInvoker invoker, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!book.Schedules.ContainsKey(dataset))
        {
            return TypedResults.Problem(statusCode: 404, title: "No such schedule",
                detail: $"No dataset contract named '{dataset}' declares an HTTP source (schedules: {string.Join(", ", book.Schedules.Keys)}).");
        }

        var now = clock.GetUtcNow();
        var scheduled = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var (outcome, detail) = await invoker.RunAsync(dataset, scheduled, cancellationToken);
        return TypedResults.Ok(new RunNowResponse(dataset, scheduled, outcome, detail));
    }
}

public sealed record RunNowResponse(string Dataset, DateTimeOffset ScheduledTime, string Outcome, string Detail);
