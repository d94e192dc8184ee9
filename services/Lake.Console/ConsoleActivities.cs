using System.Diagnostics;

namespace Lake.Console;

/// <summary>The console's own units of work (an alert batch read, a redrive), exported like every <c>Lake.*</c> source.</summary>
internal static class ConsoleActivities
{
    public static readonly ActivitySource Source = new("Lake.Console");
}
