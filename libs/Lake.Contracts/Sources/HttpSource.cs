namespace Lake.Contracts.Sources;

/// <summary>
/// An HTTP API the lake pulls the dataset's records from on a schedule (the <c>ingest-http</c> function). Each run
/// asks for the window between the previous fire time and its own (<see cref="WindowStartPlaceholder"/> and
/// <see cref="WindowEndPlaceholder"/> in <see cref="Url"/>), follows the paging, and writes one CSV file to the raw zone.
/// </summary>
/// <param name="Url">An absolute http(s) URL; it may carry the window placeholders.</param>
/// <param name="Schedule">When runs fire (EventBridge syntax).</param>
/// <param name="Format">How the API writes its records.</param>
/// <param name="Records">For <see cref="RecordFormat.JsonArray"/>: the dotted path of the array in the answer; null when the answer is the array.</param>
/// <param name="Paging">How the pages of one window are asked for.</param>
/// <param name="Map">For JSON: each column's dotted path in a record (every column is mapped; by default its own name).</param>
/// <param name="TimeoutSeconds">How long one request may take before it is abandoned (and retried).</param>
/// <param name="MaxAttempts">How many times one page is asked for before the run fails.</param>
public sealed record HttpSource(
    Uri Url,
    ScheduleExpression Schedule,
    RecordFormat Format,
    string? Records,
    HttpPaging Paging,
    IReadOnlyDictionary<string, string> Map,
    int TimeoutSeconds,
    int MaxAttempts)
{
    /// <summary>Replaced by the window's start, ISO 8601 UTC (<c>2026-12-04T13:00:00Z</c>), URL-escaped.</summary>
    public const string WindowStartPlaceholder = "{window.start}";

    /// <summary>Replaced by the window's end (the run's scheduled time), ISO 8601 UTC, URL-escaped.</summary>
    public const string WindowEndPlaceholder = "{window.end}";
}

/// <summary>How an HTTP source writes its records.</summary>
public enum RecordFormat
{
    /// <summary>A JSON array of objects (<c>json-array</c>), the whole answer or at <see cref="HttpSource.Records"/>.</summary>
    JsonArray,

    /// <summary>One JSON object per line (<c>json-lines</c>, NDJSON).</summary>
    JsonLines,

    /// <summary>CSV with the contract's header (<c>csv</c>); a later page's header line is dropped.</summary>
    Csv,
}

/// <summary>
/// How one window's pages are asked for. <see cref="PagingKind.Page"/>: the query parameter <see cref="Parameter"/>
/// numbers pages from 1, and an empty page ends the window. <see cref="PagingKind.Cursor"/>: the answer's
/// <see cref="NextField"/> (a dotted path; json-array only) is sent back as <see cref="Parameter"/> until it is absent or null.
/// </summary>
public sealed record HttpPaging(PagingKind Kind, string? Parameter, string? NextField, int MaxPages)
{
    public static readonly HttpPaging None = new(PagingKind.None, null, null, 1);
}

public enum PagingKind
{
    None,
    Page,
    Cursor,
}
