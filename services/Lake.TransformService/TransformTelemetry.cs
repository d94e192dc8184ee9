using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lake.TransformService;

/// <summary>The transform's spans (one per upload, children per step) and metrics; ServiceDefaults exports every <c>Lake.*</c> source and meter.</summary>
internal static class TransformTelemetry
{
    public const string Name = "Lake.Transform";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("lake.transform.rows", "{row}", "Rows converted, by dataset and outcome (valid, quarantined).");

    public static readonly Counter<long> Uploads = Meter.CreateCounter<long>("lake.transform.uploads", "{upload}", "Uploads handled, by dataset and outcome.");

    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("lake.stage.duration", "s", "How long a stage took for one upload, by stage, dataset and outcome.");

    public static readonly Counter<long> FunctionErrors = Meter.CreateCounter<long>("lake.function.errors", "{error}", "Uploads or messages a stage gave up on (recorded Failed, dead-lettered), by function.");

    /// <summary>The transform's metric tag for <see cref="FunctionErrors"/> and <see cref="StageDuration"/>.</summary>
    public static readonly KeyValuePair<string, object?> TransformStage = new("lake.stage", "transform");

    /// <summary>Dead-letter queue depths, by queue, as <see cref="Monitoring.DeadLetterDepth"/> last read them.</summary>
    public static ObservableGauge<long> DeadLetters(Func<IEnumerable<Measurement<long>>> observe) =>
        Meter.CreateObservableGauge("lake.queue.dead_letters", observe, "{message}", "Messages waiting in a dead-letter queue, by queue.");
}
