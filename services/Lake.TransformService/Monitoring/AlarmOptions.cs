using System.ComponentModel.DataAnnotations;

namespace Lake.TransformService.Monitoring;

/// <summary>The local alarm evaluation's settings (<c>Alarms__File</c>, <c>Alarms__EvaluationIntervalSeconds</c>).</summary>
public sealed class AlarmOptions
{
    public const string SectionName = "Alarms";

    /// <summary>The alarms file; empty: the <c>infra/alarms.yaml</c> shipped next to the binaries.</summary>
    public string File { get; set; } = "";

    /// <summary>How often the dead-letter queues are read and every alarm evaluated.</summary>
    [Range(1, 300, ErrorMessage = "Alarms:EvaluationIntervalSeconds must be 1-300.")]
    public int EvaluationIntervalSeconds { get; set; } = 10;

    /// <summary>Off: no alarm is evaluated here (on AWS, CloudWatch evaluates them).</summary>
    public bool Enabled { get; set; } = true;
}
