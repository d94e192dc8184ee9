using Lake.Dashboard.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard;

/// <summary>Where the query service's own console is, if it is running.</summary>
/// <param name="Url">The <c>query</c> resource's <c>http</c> endpoint; null unless it is running.</param>
public sealed record QueryConsoleView(bool Running, string State, string? Url);

/// <summary><c>/api/query-console</c>: the query service serves its console page itself; the dashboard embeds it.</summary>
internal static class QueryConsole
{
    public const string ResourceName = "query";

    public static IEndpointRouteBuilder MapQueryConsoleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/query-console", (IResourceFeed feed) => TypedResults.Ok(Find(feed)));
        return app;
    }

    public static QueryConsoleView Find(IResourceFeed feed)
    {
        var query = feed.GetResources().FirstOrDefault(r => r.Name == ResourceName);
        if (query is null)
        {
            return new QueryConsoleView(false, "Absent", null);
        }

        var http = query.Endpoints.FirstOrDefault(e => e.Name == "http" && e.Url.Scheme is "http" or "https");
        var running = query.State == ResourceState.Running && http is not null;
        return new QueryConsoleView(running, query.State.ToString(), running ? http!.Url.ToString() : null);
    }
}
