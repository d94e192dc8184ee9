namespace Lake.Uploads;

/// <summary>What is known about one upload: its current stage and every stage it passed.</summary>
public sealed record UploadStatus(
    UploadId UploadId,
    string Dataset,
    string FileName,
    UploadStage Stage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string> Details,
    IReadOnlyList<StageRecord> History);

/// <summary>One stage an upload reached, when, and what the stage reported (rows, reason, partitions ...).</summary>
public sealed record StageRecord(UploadStage Stage, DateTimeOffset At, IReadOnlyDictionary<string, string> Details);
