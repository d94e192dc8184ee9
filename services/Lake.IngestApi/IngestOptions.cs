using System.ComponentModel.DataAnnotations;

namespace Lake.IngestApi;

/// <summary>The ingest API's own settings (<c>IngestApi__ApiKeys__0</c>, ...).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "IngestApi";

    /// <summary>Keys accepted in <c>x-api-key</c>; at least one.</summary>
    [MinLength(1, ErrorMessage = "IngestApi:ApiKeys needs at least one key.")]
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>How long an upload URL stays valid.</summary>
    [Range(1, 60, ErrorMessage = "IngestApi:UrlExpiryMinutes must be 1-60.")]
    public int UrlExpiryMinutes { get; set; } = 15;
}
