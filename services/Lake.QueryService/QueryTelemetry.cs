using System.Diagnostics;

namespace Lake.QueryService;

/// <summary>The service's spans: one per query (<c>query</c>) and one per catalog sync (<c>catalog.sync</c>).</summary>
public static class QueryTelemetry
{
    public static readonly ActivitySource Source = new("Lake.Query");
}
