using System.Globalization;
using Lake.Contracts;
using Lake.Contracts.Sources;

namespace Lake.Functions.IngestHttp.Fetching;

/// <summary>
/// Reads one window of a dataset's HTTP source, page after page: page numbers until an empty page, or cursors until
/// none is given, at most the source's page limit.
/// </summary>
public sealed class SourceReader(PageFetcher fetcher)
{
    public async Task<(RecordTable Table, int Pages)> ReadAsync(DatasetContract contract, Uri url, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var source = contract.Source ?? throw new InvalidOperationException($"Dataset '{contract.Dataset}' declares no HTTP source.");
        var table = new RecordTable(contract, source);
        var windowUrl = WindowUrl(url, start, end);
        string? cursor = null;
        for (var page = 1; ; page++)
        {
            if (page > source.Paging.MaxPages)
            {
                throw new SourceFetchException($"the window has more than {source.Paging.MaxPages} pages (the source's maxPages)", 1);
            }

            var pageUrl = source.Paging.Kind switch
            {
                PagingKind.Page => WithParameter(windowUrl, source.Paging.Parameter!, page.ToString(CultureInfo.InvariantCulture)),
                PagingKind.Cursor when cursor is not null => WithParameter(windowUrl, source.Paging.Parameter!, cursor),
                _ => windowUrl,
            };
            var body = await fetcher.FetchAsync(pageUrl, TimeSpan.FromSeconds(source.TimeoutSeconds), source.MaxAttempts, contract.Limits.MaxBytes, cancellationToken);
            var (records, next) = table.Add(body, page);
            var more = source.Paging.Kind switch
            {
                PagingKind.Page => records > 0,
                PagingKind.Cursor => next is not null,
                _ => false,
            };
            if (!more)
            {
                return (table, page);
            }

            cursor = next;
        }
    }

    /// <summary>The source's URL with the window's placeholders replaced (ISO 8601 UTC, URL-escaped).</summary>
    public static Uri WindowUrl(Uri url, DateTimeOffset start, DateTimeOffset end) => new(url.OriginalString
        .Replace(HttpSource.WindowStartPlaceholder, Uri.EscapeDataString(Iso(start)), StringComparison.Ordinal)
        .Replace(HttpSource.WindowEndPlaceholder, Uri.EscapeDataString(Iso(end)), StringComparison.Ordinal));

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Uri WithParameter(Uri url, string name, string value)
    {
        var separator = url.Query.Length > 0 ? "&" : "?";
        return new Uri($"{url.GetLeftPart(UriPartial.Query)}{separator}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}{url.Fragment}");
    }
}
