namespace Lake.Cli.Uploads;

/// <summary>Where one file ended: its final stage (or why it has none), and what the lake said about it.</summary>
/// <param name="UploadId">Null when the ingest API refused to issue one.</param>
/// <param name="State">The final stage (<c>Cataloged</c>, <c>Rejected</c>, <c>Failed</c>), the stage it was last seen in, or <c>Refused</c>.</param>
internal sealed record UploadOutcome(string Path, string? UploadId, string State, bool Succeeded, string Detail);

/// <summary>The stages an upload goes through, as the status API names them.</summary>
internal static class UploadStages
{
    public const string Cataloged = "Cataloged";
    public const string Refused = "Refused";
    public const string Interrupted = "Interrupted";
    public const string TimedOut = "TimedOut";

    /// <summary>Markup colour for a stage: green done, red failed, yellow on its way.</summary>
    public static string Colour(string stage) => stage switch
    {
        Cataloged => "green",
        "Rejected" or "Failed" or Refused => "red",
        Interrupted or TimedOut => "yellow",
        _ => "blue",
    };

    /// <summary>The facts worth a line: rows for a cataloged file, the reason for a rejected or failed one.</summary>
    public static string Describe(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null)
        {
            return "";
        }

        var facts = new List<string>();
        if (details.TryGetValue("rowsValid", out var valid))
        {
            facts.Add($"{valid} rows valid");
        }

        if (details.TryGetValue("rowsQuarantined", out var quarantined) && quarantined != "0")
        {
            facts.Add($"{quarantined} quarantined");
        }

        foreach (var key in new[] { "reason", "check", "detail", "error" })
        {
            if (details.TryGetValue(key, out var value))
            {
                facts.Add(value);
            }
        }

        return string.Join(", ", facts);
    }
}
