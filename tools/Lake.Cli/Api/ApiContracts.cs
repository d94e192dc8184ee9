namespace Lake.Cli.Api;

// The JSON the lake's services answer, as far as the CLI reads it (camelCase on the wire).

/// <summary><c>POST /v1/uploads</c>: where and how to PUT the file; every header must be sent as given (they are signed).</summary>
internal sealed record UploadTicket(string UploadId, string Method, Uri Url, Dictionary<string, string> Headers, DateTimeOffset ExpiresAt, string Key);

/// <summary><c>GET /v1/uploads/{id}</c> of the ingest API.</summary>
internal sealed record UploadStatus(
    string UploadId, string Dataset, string FileName, string Stage, bool Final, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    Dictionary<string, string>? Details, List<StageRecord>? History);

internal sealed record StageRecord(string Stage, DateTimeOffset At, Dictionary<string, string>? Details);

/// <summary><c>GET /v1/datasets</c> of the ingest API.</summary>
internal sealed record DatasetSummary(string Name, string Description, long MaxBytes);

/// <summary><c>GET /api/uploads</c> of the console: one recent upload.</summary>
internal sealed record UploadRow(string UploadId, string Dataset, string FileName, string Stage, bool Final, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary><c>GET /v1/tables</c> of the query service.</summary>
internal sealed record TableSummary(
    string Database, string Name, string QualifiedName, string Location, List<TableColumn> Columns, List<TableColumn> PartitionKeys,
    int PartitionCount, int FileCount, long Bytes, DateTimeOffset SyncedAt);

internal sealed record TableColumn(string Name, string Type, string DuckDbType);

/// <summary><c>GET /api/dlq</c> of the console: a work queue, its dead-letter queue and a look at its messages.</summary>
internal sealed record DeadLetterQueue(string Queue, QueueDepth Source, QueueDepth DeadLetters, List<DeadLetter> Sample);

internal sealed record QueueDepth(string Name, bool Exists, int Waiting, int InFlight);

internal sealed record DeadLetter(string MessageId, string Body, DateTimeOffset? SentAt, int ReceiveCount);

/// <summary><c>POST /api/dlq/{queue}/redrive</c> of the console.</summary>
internal sealed record RedriveResult(string Queue, int Moved, int Failed);
