namespace Lake.Uploads;

/// <summary>One upload's current stage, without its history: a row of a listing.</summary>
public sealed record UploadSummary(
    UploadId UploadId, string Dataset, string FileName, UploadStage Stage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
