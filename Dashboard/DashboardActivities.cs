using System.Diagnostics;

namespace Lake.Dashboard;

/// <summary>The dashboard's own units of work (an alert batch read, a redrive), exported like every <c>Lake.*</c> source.</summary>
internal static class DashboardActivities
{
    public static readonly ActivitySource Source = new("Lake.Dashboard");
}
