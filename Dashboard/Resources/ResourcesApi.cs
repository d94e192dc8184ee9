using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Resources;

/// <summary>A page of console lines and where the next poll starts.</summary>
/// <param name="Last">The highest sequence read (matching the filter or not): poll again with <c>after=Last</c>.</param>
public sealed record ConsolePage(IReadOnlyList<ResourceLogLine> Lines, long Last);

/// <summary><c>/api/resources</c>, <c>/api/resources/{name}/restart</c> and <c>/api/console</c>: what the AppHost runs and what it prints.</summary>
internal static class ResourcesApi
{
    private const int MaxLines = 1000;

    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/resources", (IResourceFeed feed) => TypedResults.Ok(feed.GetResources()));
        api.MapPost("/resources/{name}/restart", RestartAsync);
        api.MapGet("/console", (IResourceFeed feed, string? resource, long? after, int? max, string? filter) =>
            TypedResults.Ok(ReadConsole(feed, resource, after ?? 0, Math.Clamp(max ?? MaxLines, 1, MaxLines), filter)));
        return app;
    }

    /// <summary>Lines after <paramref name="after"/>; with a filter, only those containing it (case-insensitive).</summary>
    public static ConsolePage ReadConsole(IResourceFeed feed, string? resource, long after, int max, string? filter)
    {
        var lines = feed.GetLogs(string.IsNullOrEmpty(resource) ? null : resource, after, max);
        var last = lines.Count > 0 ? lines[^1].Sequence : after;
        var shown = string.IsNullOrEmpty(filter) ? lines : [.. lines.Where(l => l.Text.Contains(filter, StringComparison.OrdinalIgnoreCase))];
        return new ConsolePage(shown, last);
    }

    private static async Task<Results<Accepted, NotFound<string>, Conflict<string>>> RestartAsync(
        string name, IResourceFeed feed, CancellationToken cancellationToken)
    {
        if (feed.GetResources().All(r => r.Name != name))
        {
            return TypedResults.NotFound($"No resource is named '{name}'.");
        }

        return await feed.RestartAsync(name, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Conflict($"'{name}' cannot be restarted.");
    }
}
