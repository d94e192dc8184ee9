using System.Globalization;
using System.Text.Json;

namespace Lake.Testing.Aspire.Bench;

/// <summary>
/// One upload's way through the lake: when its PUT was done (the client's clock) and when each stage was recorded
/// (the status table's history, the same machine's clock). Null stages were not reached.
/// </summary>
public sealed record UploadTiming(
    string UploadId, string Stage, DateTimeOffset PutDone, DateTimeOffset? Validated, DateTimeOffset? Transformed, DateTimeOffset? Cataloged, DateTimeOffset? Served)
{
    /// <summary>PUT done to Cataloged; null unless Cataloged.</summary>
    public TimeSpan? Total => Cataloged - PutDone;

    public TimeSpan? ToValidated => Validated - PutDone;

    public TimeSpan? ValidatedToTransformed => Transformed - Validated;

    public TimeSpan? TransformedToCataloged => Cataloged - Transformed;

    /// <summary>Cataloged to Served: the serving table's load, which follows the rows being queryable.</summary>
    public TimeSpan? CatalogedToServed => Served - Cataloged;

    /// <summary>Whether nothing more happens to the upload: Rejected, Failed, or Cataloged and Served.</summary>
    public static bool Done(JsonElement status) => status.GetProperty("stage").GetString() switch
    {
        "Rejected" or "Failed" => true,
        "Cataloged" => status.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("stage").GetString() == "Served"),
        _ => false,
    };

    /// <summary>From <c>GET /v1/uploads/{id}</c>'s answer.</summary>
    public static UploadTiming From(string uploadId, DateTimeOffset putDone, JsonElement status)
    {
        var history = status.GetProperty("history").EnumerateArray()
            .GroupBy(h => h.GetProperty("stage").GetString()!)
            .ToDictionary(g => g.Key, g => g.Min(h => DateTimeOffset.Parse(h.GetProperty("at").GetString()!, CultureInfo.InvariantCulture)), StringComparer.Ordinal);
        return new UploadTiming(uploadId, status.GetProperty("stage").GetString()!, putDone,
            history.TryGetValue("Validated", out var v) ? v : null,
            history.TryGetValue("Transformed", out var t) ? t : null,
            history.TryGetValue("Cataloged", out var c) ? c : null,
            history.TryGetValue("Served", out var s) ? s : null);
    }
}
