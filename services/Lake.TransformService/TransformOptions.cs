using System.ComponentModel.DataAnnotations;

namespace Lake.TransformService;

/// <summary>The transform's own settings (<c>Transform__MemoryLimit</c>, ...); resource names are in <c>Lake__*</c>.</summary>
public sealed class TransformOptions
{
    public const string SectionName = "Transform";

    /// <summary>DuckDB's memory_limit per upload being converted; beyond it DuckDB spills to <see cref="TempDirectory"/>.</summary>
    [RegularExpression(@"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", ErrorMessage = "Transform:MemoryLimit must be a size such as 512MB or 2GiB.")]
    public string MemoryLimit { get; set; } = "1GiB";

    /// <summary>DuckDB's threads per upload being converted.</summary>
    [Range(1, 256, ErrorMessage = "Transform:Threads must be 1-256.")]
    public int Threads { get; set; } = 2;

    /// <summary>Where each upload's work directory (download, outputs, DuckDB spill) is made and removed; empty: the system temp directory.</summary>
    public string TempDirectory { get; set; } = "";

    /// <summary>Uploads converted at once, of one dataset or several (keys are committed one upload at a time per dataset); each may use <see cref="MemoryLimit"/>.</summary>
    [Range(1, 64, ErrorMessage = "Transform:MaxConcurrentUploads must be 1-64.")]
    public int MaxConcurrentUploads { get; set; } = 4;

    /// <summary>After a failed try, the message comes back after this many seconds times its receive count.</summary>
    [Range(0, 3600, ErrorMessage = "Transform:RetryDelaySeconds must be 0-3600.")]
    public int RetryDelaySeconds { get; set; } = 10;

    /// <summary>How long one receive waits on an empty queue (SQS long poll, 1-20 s); it returns at once when a message arrives.</summary>
    [Range(1, 20, ErrorMessage = "Transform:LongPollSeconds must be 1-20.")]
    public int LongPollSeconds { get; set; } = 20;

    /// <summary>The root the work directories go under.</summary>
    public string WorkRoot => Path.Combine(string.IsNullOrWhiteSpace(TempDirectory) ? Path.GetTempPath() : TempDirectory, "lake-transform");
}
