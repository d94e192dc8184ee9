using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lake.TransformService;

/// <summary>The transform's spans (one per upload, children per step) and counters; ServiceDefaults exports every <c>Lake.*</c> source and meter.</summary>
internal static class TransformTelemetry
{
    public const string Name = "Lake.Transform";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("lake.transform.rows", "{row}", "Rows converted, by dataset and outcome (valid, quarantined).");

    public static readonly Counter<long> Uploads = Meter.CreateCounter<long>("lake.transform.uploads", "{upload}", "Uploads handled, by dataset and outcome.");

    /// <summary>A child span of the current upload's, for one step of it.</summary>
    public static Activity? Step(string name) => Source.StartActivity(name);
}
