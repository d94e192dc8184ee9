using Lake.AppHost.Orchestration;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Terminal;

/// <summary>Prints each resource's changes of state as they happen: one line each, with the reason when there is one.</summary>
internal static class StatusPrinter
{
    public static void Attach(LakeApp app, TextWriter output)
    {
        var width = app.Runners.Max(r => r.Resource.Name.Length);
        foreach (var runner in app.Runners)
        {
            runner.Status.StateChanged += (status, note) =>
            {
                if (status.State is ResourceState.NotStarted && note is null)
                {
                    return;
                }

                var detail = note is null ? "" : $"  {note}";
                output.WriteLine($"  {DateTime.Now:HH:mm:ss}  {status.Resource.Name.PadRight(width)}  {status.State,-10}{detail}");
            };
        }
    }

    /// <summary>Why the lake did not come up: the resource, the reason and its last lines.</summary>
    public static void PrintFailure(ResourceFailedException failure, TextWriter output)
    {
        output.WriteLine($"lake: {failure.Resource} failed: {failure.Reason}");
        if (failure.LastLines.Count > 0)
        {
            output.WriteLine($"  last lines of {failure.Resource}:");
            foreach (var line in failure.LastLines)
            {
                output.WriteLine($"    {line}");
            }
        }
    }
}
