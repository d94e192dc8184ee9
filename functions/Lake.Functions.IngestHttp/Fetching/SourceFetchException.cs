namespace Lake.Functions.IngestHttp.Fetching;

/// <summary>The source could not be read: the run fails with this message (and, when it was worth retrying, after the retries).</summary>
public sealed class SourceFetchException(string message, int attempts, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>How many requests were made for the page that failed.</summary>
    public int Attempts { get; } = attempts;
}

/// <summary>An answer worth asking again for: a 5xx, 408 or 429, or a connection that failed.</summary>
internal sealed class TransientFetchException(string message, Exception? inner = null) : Exception(message, inner);
