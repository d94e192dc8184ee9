using System.Globalization;

namespace Lake.Configuration;

/// <summary>
/// The parameters of <c>infra/template.yaml</c> for a lake's names: what a stack deployed for these options, and the
/// emulator's copy of the template's policies, are given.
/// </summary>
public static class LakeTemplateParameters
{
    public static IReadOnlyDictionary<string, string> Of(LakeOptions o) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RawBucketName"] = o.Buckets.Raw,
        ["CleanBucketName"] = o.Buckets.Clean,
        ["RejectedBucketName"] = o.Buckets.Rejected,
        ["CuratedBucketName"] = o.Buckets.Curated,
        ["QuarantineBucketName"] = o.Buckets.Quarantine,
        ["AthenaResultsBucketName"] = o.Buckets.AthenaResults,
        ["AthenaWorkGroupName"] = o.AthenaWorkGroup,
        ["ValidateQueueName"] = o.Queues.Validate.Name,
        ["ValidateQueueVisibilityTimeout"] = o.Queues.Validate.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["TransformQueueName"] = o.Queues.Transform.Name,
        ["TransformQueueVisibilityTimeout"] = o.Queues.Transform.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["AlertsTopicName"] = o.AlertsTopic,
        ["AlertsInboxQueueName"] = o.AlertsInbox,
        ["GlueDatabaseName"] = o.GlueDatabase,
        ["StatusTableName"] = o.StatusTable,
        ["ServingTablePrefix"] = o.ServingTablePrefix,
    };
}
