namespace Lake.Console;

/// <summary>
/// The console's own settings (<c>Console__ApiKeys__0</c>, <c>Console__QueryApiKey</c>, <c>Console__StateDirectory</c>, ...), checked at start by
/// <see cref="ConsoleOptionsValidator"/> so a bad one stops the launch naming its key.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Aspire service discovery's key for the query service's <c>http</c> endpoint (<c>.WithReference(query)</c>).</summary>
    public const string QueryServiceKey = "services:query:http:0";

    /// <summary>A key shorter than this is refused at start: it could be guessed.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Keys accepted in <c>x-api-key</c> and at <c>/login</c>; at least one.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Where the console keeps what must survive a restart (the alerts it took off the inbox); unset keeps nothing.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>The Aspire dashboard's base URL: an upload links to its trace there (<c>{DashboardUrl}/traces/detail/{traceId}</c>); unset shows no link.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The query service's base URL; unset, <see cref="QueryServiceKey"/> (Aspire service discovery) gives it.</summary>
    public string? QueryUrl { get; set; }

    /// <summary>The key the query service accepts (one of its <c>Query:ApiKeys</c>), sent in <c>x-api-key</c>; needed when a query service is set.</summary>
    public string? QueryApiKey { get; set; }

    /// <summary>The query service, or null when neither setting names one.</summary>
    public Uri? QueryService => AbsoluteHttpUrl(QueryUrl);

    /// <summary>The Aspire dashboard, or null when none is configured.</summary>
    public Uri? Dashboard => AbsoluteHttpUrl(DashboardUrl);

    internal static Uri? AbsoluteHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
