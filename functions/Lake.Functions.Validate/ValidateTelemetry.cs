using System.Diagnostics.Metrics;

namespace Lake.Functions.Validate;

/// <summary>The validate function's metrics (its spans are <c>Lake.Validate</c>'s too); the function's telemetry exports every <c>Lake.*</c> meter.</summary>
internal static class ValidateTelemetry
{
    public const string Name = "Lake.Validate";

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Files = Meter.CreateCounter<long>("lake.validate.files", "{file}", "Raw files checked, by outcome (accepted, rejected).");

    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("lake.stage.duration", "s", "How long a stage took for one message, by stage and outcome.");

    public static readonly Counter<long> FunctionErrors = Meter.CreateCounter<long>("lake.function.errors", "{error}", "Messages the function failed to process (returned to the queue as batch item failures), by function.");

    public static readonly KeyValuePair<string, object?> ValidateStage = new("lake.stage", "validate");
}
