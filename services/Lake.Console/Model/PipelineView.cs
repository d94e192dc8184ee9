using Lake.Console.Infrastructure;
using Lake.Uploads;

namespace Lake.Console.Model;

/// <summary>The live counts the pipeline picture draws.</summary>
/// <param name="Stages">Uploads whose current stage is each <see cref="UploadStage"/>, over the <paramref name="UploadsCounted"/> most recent.</param>
/// <param name="Alerts">Alerts held by the inbox, by type.</param>
/// <param name="Query">What the query service answered on <c>/health</c>: see <see cref="QueryServiceState"/>.</param>
/// <param name="DashboardUrl">The Aspire dashboard (resources, logs, traces), if configured.</param>
public sealed record PipelineView(
    IReadOnlyDictionary<string, int> Stages,
    int UploadsCounted,
    QueueDepth Validate,
    QueueDepth ValidateDeadLetters,
    QueueDepth Transform,
    QueueDepth TransformDeadLetters,
    IReadOnlyDictionary<string, int> Alerts,
    string Query,
    string? DashboardUrl);

/// <summary>The query service as the console last found it.</summary>
public static class QueryServiceState
{
    /// <summary>Neither <c>Console:QueryUrl</c> nor <c>services:query:http:0</c> names one.</summary>
    public const string NotConfigured = "NotConfigured";

    /// <summary><c>/health</c> answered 200.</summary>
    public const string Healthy = "Healthy";

    /// <summary><c>/health</c> answered, but not 200.</summary>
    public const string Unhealthy = "Unhealthy";

    /// <summary>No answer within the probe's time.</summary>
    public const string Unreachable = "Unreachable";
}
