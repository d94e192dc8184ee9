using System.Diagnostics;

namespace Lake.Transform.Conversion;

/// <summary>One span per step of a conversion (stage, duplicates, curated, ...), children of the caller's span.</summary>
public static class ConversionTelemetry
{
    public const string SourceName = "Lake.Transform.Conversion";

    private static readonly ActivitySource Source = new(SourceName);

    internal static async Task StepAsync(string name, Func<Task> step)
    {
        using var activity = Source.StartActivity(name);
        await step();
    }
}
