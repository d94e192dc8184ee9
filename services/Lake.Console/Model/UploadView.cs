using Lake.Configuration;
using Lake.Uploads;

namespace Lake.Console.Model;

/// <summary>An upload's row in the list.</summary>
public sealed record UploadRow(string UploadId, string Dataset, string FileName, string Stage, bool Final, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UploadRow Of(UploadSummary u) =>
        new(u.UploadId.Value, u.Dataset, u.FileName, u.Stage.ToString(), u.Stage.IsFinal(), u.CreatedAt, u.UpdatedAt);
}

/// <summary>One stage of an upload with how long it took to get there from the stage before.</summary>
public sealed record StageView(string Stage, DateTimeOffset At, double SinceStartMs, double? SincePreviousMs, IReadOnlyDictionary<string, string> Details);

/// <summary>An object an upload produced, and where the console serves it.</summary>
/// <param name="Zone"><c>raw</c>, <c>clean</c>, <c>rejected</c>, <c>curated</c> or <c>quarantine</c>.</param>
public sealed record ObjectLink(string Label, string Zone, string Key, string Href);

/// <summary>What the upload page shows: stages with timings, rows, its trace and its objects.</summary>
/// <param name="TraceUrl">The trace in the Aspire dashboard; null without a dashboard URL or a trace id.</param>
public sealed record UploadView(
    string UploadId, string Dataset, string FileName, string Stage, bool Final, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? TraceId, string? TraceUrl, long? RowsIn, long? RowsValid, long? RowsQuarantined, IReadOnlyList<StageView> Stages,
    IReadOnlyList<ObjectLink> Objects, IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Detail keys naming an object, with its zone and label (DESIGN §5).</summary>
    private static readonly (string Key, string Zone, string Label)[] ObjectKeys =
    [
        ("rawKey", ObjectZones.Raw, "raw upload"),
        ("cleanKey", ObjectZones.Clean, "clean copy"),
        ("rejectedKey", ObjectZones.Rejected, "rejected copy"),
        ("reasonKey", ObjectZones.Rejected, "rejection reason"),
        ("curatedPrefix", ObjectZones.Curated, "curated partitions"),
        ("quarantineKey", ObjectZones.Quarantine, "quarantined rows"),
    ];

    /// <param name="dashboard">The Aspire dashboard's base URL, if one is configured.</param>
    public static UploadView Of(UploadStatus status, Uri? dashboard)
    {
        var start = status.History.Count > 0 ? status.History.Min(h => h.At) : status.CreatedAt;
        DateTimeOffset? previous = null;
        var stages = new List<StageView>();
        foreach (var record in status.History)
        {
            stages.Add(new StageView(record.Stage.ToString(), record.At, (record.At - start).TotalMilliseconds,
                previous is { } p ? (record.At - p).TotalMilliseconds : null, record.Details));
            previous = record.At;
        }

        var details = status.Details;
        var objects = ObjectKeys
            .Where(o => details.ContainsKey(o.Key))
            .Select(o => new ObjectLink(o.Label, o.Zone, details[o.Key], ObjectZones.Href(o.Zone, details[o.Key])))
            .ToList();
        if (details.TryGetValue("rejectedKey", out var rejected) && !details.ContainsKey("reasonKey") && rejected.EndsWith(".csv", StringComparison.Ordinal))
        {
            // DESIGN §5: the reason sits beside the rejected copy.
            var reason = rejected[..^".csv".Length] + ".reason.json";
            objects.Add(new ObjectLink("rejection reason", ObjectZones.Rejected, reason, ObjectZones.Href(ObjectZones.Rejected, reason)));
        }

        var traceId = details.GetValueOrDefault("traceId");
        return new UploadView(
            status.UploadId.Value, status.Dataset, status.FileName, status.Stage.ToString(), status.Stage.IsFinal(), status.CreatedAt, status.UpdatedAt,
            traceId, TraceLink(dashboard, traceId), Number(details, "rowsIn"), Number(details, "rowsValid"), Number(details, "rowsQuarantined"),
            stages, objects, details);
    }

    /// <summary><c>{dashboard}/traces/detail/{traceId}</c>, for a W3C trace id (32 lower-case hex digits, not all zero) only.</summary>
    public static string? TraceLink(Uri? dashboard, string? traceId) =>
        dashboard is not null && traceId is { Length: 32 } && traceId.All(char.IsAsciiHexDigitLower) && traceId.Any(c => c != '0')
            ? $"{dashboard.GetLeftPart(UriPartial.Path).TrimEnd('/')}/traces/detail/{traceId}"
            : null;

    private static long? Number(IReadOnlyDictionary<string, string> details, string key) =>
        long.TryParse(details.GetValueOrDefault(key), out var value) ? value : null;
}

/// <summary>The lake's zones by the short names URLs use.</summary>
internal static class ObjectZones
{
    public const string Raw = "raw";
    public const string Clean = "clean";
    public const string Rejected = "rejected";
    public const string Curated = "curated";
    public const string Quarantine = "quarantine";

    public static string Href(string zone, string key) =>
        $"/objects/{zone}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";

    public static string? Bucket(BucketNames buckets, string zone) => zone switch
    {
        Raw => buckets.Raw,
        Clean => buckets.Clean,
        Rejected => buckets.Rejected,
        Curated => buckets.Curated,
        Quarantine => buckets.Quarantine,
        _ => null,
    };
}
