using System.ComponentModel.DataAnnotations;

namespace Lake.Scheduler;

/// <summary>The <c>Scheduler</c> section: where the functions are invoked, and the keys that may run a schedule now.</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>The Lambda endpoint whose Invoke API runs the function (locally the Lambda emulator).</summary>
    [Required]
    public Uri? LambdaEndpoint { get; set; }

    /// <summary>The function each schedule invokes.</summary>
    [Required]
    public string FunctionName { get; set; } = "ingest-http";

    /// <summary>Keys accepted in <c>x-api-key</c> by <c>POST /v1/schedules/{dataset}/runs</c>.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Paused: the schedules are listed and can be run now, but nothing fires on its own.</summary>
    public bool Paused { get; set; }
}
