namespace Lake.Configuration;

/// <summary>
/// The names of the lake's resources, bound from the <c>Lake</c> configuration section
/// (environment: <c>Lake__Buckets__Raw</c>, ...). Names only: URLs and ARNs are resolved at start (DESIGN §3).
/// </summary>
public sealed class LakeOptions
{
    public const string SectionName = "Lake";

    public BucketNames Buckets { get; set; } = new();

    public QueueNames Queues { get; set; } = new();

    /// <summary>The SNS topic every alert goes to.</summary>
    public string AlertsTopic { get; set; } = "lake-alerts";

    /// <summary>An SQS queue subscribed to <see cref="AlertsTopic"/>: the dashboard's alerts inbox reads it.</summary>
    public string AlertsInbox { get; set; } = "lake-alerts-inbox";

    /// <summary>The Glue Data Catalog database holding one table per dataset.</summary>
    public string GlueDatabase { get; set; } = "lake";

    /// <summary>
    /// The Athena workgroup the lake's queries run in, its result location the <see cref="BucketNames.AthenaResults"/>
    /// bucket: <c>infra/template.yaml</c> creates it on AWS; locally the query service answers to it (and to <c>primary</c>).
    /// </summary>
    public string AthenaWorkGroup { get; set; } = "lake";

    /// <summary>The DynamoDB table holding one status record (and its stage history) per upload.</summary>
    public string StatusTable { get; set; } = "lake-uploads";

    /// <summary>
    /// What a contract's serving table name is prefixed with to make the DynamoDB table's (<c>lake-</c> + <c>orders</c>).
    /// </summary>
    public string ServingTablePrefix { get; set; } = "lake-";

    /// <summary>
    /// Where the dataset contracts (<c>*.yaml</c>) are read from; unset, the <c>contracts/</c> directory shipped next
    /// to the program's binaries (every program referencing Lake.Contracts carries the repository's contracts).
    /// </summary>
    public string? ContractsDirectory { get; set; }
}

/// <summary>The lake's zones (DESIGN §5).</summary>
public sealed class BucketNames
{
    public string Raw { get; set; } = "lake-raw";

    public string Clean { get; set; } = "lake-clean";

    public string Rejected { get; set; } = "lake-rejected";

    public string Curated { get; set; } = "lake-curated";

    public string Quarantine { get; set; } = "lake-quarantine";

    /// <summary>Where the query service's Athena API writes query results (<c>{id}.csv</c>), as Athena's workgroup result location.</summary>
    public string AthenaResults { get; set; } = "lake-athena-results";

    /// <summary>Every zone with its role, in pipeline order.</summary>
    public IEnumerable<(string Role, string Name)> All =>
    [
        (nameof(Raw), Raw), (nameof(Clean), Clean), (nameof(Rejected), Rejected),
        (nameof(Curated), Curated), (nameof(Quarantine), Quarantine), (nameof(AthenaResults), AthenaResults),
    ];
}

/// <summary>The work queues; each has a dead-letter queue it redrives to.</summary>
public sealed class QueueNames
{
    /// <summary>S3 events of the raw bucket, consumed by the validate function.</summary>
    public WorkQueue Validate { get; set; } = new() { Name = "lake-validate", VisibilityTimeoutSeconds = 60 };

    /// <summary>S3 events of the clean bucket, consumed by the transform service.</summary>
    public WorkQueue Transform { get; set; } = new() { Name = "lake-transform", VisibilityTimeoutSeconds = 300 };

    /// <summary>Receives before a message moves to its dead-letter queue.</summary>
    public int MaxReceiveCount { get; set; } = 3;
}

public sealed class WorkQueue
{
    public string Name { get; set; } = "";

    /// <summary>Defaults to <c>{Name}-dlq</c>.</summary>
    public string? DeadLetterName { get; set; }

    public int VisibilityTimeoutSeconds { get; set; } = 60;

    public string DeadLetterQueueName => string.IsNullOrEmpty(DeadLetterName) ? $"{Name}-dlq" : DeadLetterName;
}
