using System.ComponentModel.DataAnnotations;

namespace Lake.QueryService.Athena;

/// <summary>The Athena API's own settings (<c>Athena__*</c>), validated at start.</summary>
public sealed class AthenaOptions
{
    public const string SectionName = "Athena";

    /// <summary>The default result location of the <c>primary</c> workgroup; unset, <c>s3://{Lake:Buckets:AthenaResults}/</c>.</summary>
    [RegularExpression(@"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/.*)?$", ErrorMessage = "Athena:OutputLocation must be an s3://bucket/prefix/ URL.")]
    public string? OutputLocation { get; set; }

    /// <summary>Executions (with their results) kept for GetQueryExecution/GetQueryResults; the oldest finished ones go first.</summary>
    [Range(1, 10_000, ErrorMessage = "Athena:RetainedExecutions must be 1-10000.")]
    public int RetainedExecutions { get; set; } = 100;

    /// <summary>Executions waiting or running at once; StartQueryExecution beyond it is refused (TooManyRequestsException).</summary>
    [Range(1, 1_000, ErrorMessage = "Athena:MaxPendingExecutions must be 1-1000.")]
    public int MaxPendingExecutions { get; set; } = 32;

    /// <summary>The largest request body accepted (Athena's own query text limit is 256 KiB).</summary>
    [Range(1_024, 16 * 1_024 * 1_024, ErrorMessage = "Athena:MaxRequestBytes must be 1024-16777216.")]
    public int MaxRequestBytes { get; set; } = 1_024 * 1_024;

    /// <summary>
    /// <c>ACCESS:SECRET</c> pairs that may call the Athena API besides the service's own credentials: locally the AppHost
    /// names the emulator's administrator key here (the one the AWS CLI uses), as the service itself signs with a key of its own.
    /// </summary>
    public List<string> Clients { get; set; } = [];
}
