using Lake.Configuration;

namespace Lake.TransformService.Tests;

/// <summary>The <c>Lake__*</c> environment variables a service process reads its resource names from (DESIGN §3).</summary>
internal static class LakeSettings
{
    public static Dictionary<string, string> Environment(LakeOptions lake)
    {
        var environment = lake.Buckets.All.ToDictionary(b => $"Lake__Buckets__{b.Role}", b => b.Name);
        environment["Lake__Queues__Validate__Name"] = lake.Queues.Validate.Name;
        environment["Lake__Queues__Transform__Name"] = lake.Queues.Transform.Name;
        environment["Lake__Queues__Transform__VisibilityTimeoutSeconds"] = lake.Queues.Transform.VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Lake__Queues__MaxReceiveCount"] = lake.Queues.MaxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Lake__AlertsTopic"] = lake.AlertsTopic;
        environment["Lake__GlueDatabase"] = lake.GlueDatabase;
        environment["Lake__StatusTable"] = lake.StatusTable;
        return environment;
    }
}
