namespace Lake.IngestApi.Uploads;

/// <summary>A client's request to upload one file.</summary>
/// <param name="Size">In bytes, as the client will send it.</param>
public sealed record CreateUploadRequest(string Dataset, string FileName, long Size);

/// <summary>
/// Where and how to PUT the file: every header listed must be sent as given (they are signed): the metadata,
/// <c>Content-Type</c> and <c>Content-Length</c> (on the content) and <c>If-None-Match: *</c>, so the URL writes its
/// one key once, with the declared size and type. Anything else is 403 <c>SignatureDoesNotMatch</c>; a second PUT 412.
/// </summary>
public sealed record CreateUploadResponse(
    string UploadId, string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt, string Key);

/// <summary>An upload's current stage and its history, from the status table.</summary>
public sealed record UploadStatusResponse(
    string UploadId, string Dataset, string FileName, string Stage, bool Final,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyDictionary<string, string> Details, IReadOnlyList<StageResponse> History);

public sealed record StageResponse(string Stage, DateTimeOffset At, IReadOnlyDictionary<string, string> Details);
