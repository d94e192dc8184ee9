using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Lake.Configuration;

/// <summary>
/// Checks names against AWS's rules at start, so a bad setting fails at launch with its key
/// rather than deep in a request.
/// </summary>
public sealed partial class LakeOptionsValidator : IValidateOptions<LakeOptions>
{
    public ValidateOptionsResult Validate(string? name, LakeOptions options)
    {
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every bad setting.</summary>
    public static void EnsureValid(LakeOptions options)
    {
        var failures = Check(options).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(LakeOptions.SectionName, typeof(LakeOptions), failures);
        }
    }

    private static IEnumerable<string> Check(LakeOptions o)
    {
        const string S = LakeOptions.SectionName;
        foreach (var (role, bucket) in o.Buckets.All)
        {
            if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
            {
                yield return $"{S}:Buckets:{role} '{bucket}' is not a valid S3 bucket name (3-63 characters: lower-case letters, digits, '-' and '.').";
            }
        }

        foreach (var (role, queue) in new[] { ("Validate", o.Queues.Validate), ("Transform", o.Queues.Transform) })
        {
            foreach (var (key, value) in new[] { ("Name", queue.Name), ("DeadLetterName", queue.DeadLetterQueueName) })
            {
                if (!QueueName().IsMatch(value))
                {
                    yield return $"{S}:Queues:{role}:{key} '{value}' is not a valid SQS queue name (1-80 characters: letters, digits, '-' and '_').";
                }
            }

            if (queue.VisibilityTimeoutSeconds is < 0 or > 43200)
            {
                yield return $"{S}:Queues:{role}:VisibilityTimeoutSeconds {queue.VisibilityTimeoutSeconds} is outside 0-43200.";
            }
        }

        if (!QueueName().IsMatch(o.AlertsInbox))
        {
            yield return $"{S}:AlertsInbox '{o.AlertsInbox}' is not a valid SQS queue name (1-80 characters: letters, digits, '-' and '_').";
        }

        if (o.Queues.MaxReceiveCount is < 1 or > 1000)
        {
            yield return $"{S}:Queues:MaxReceiveCount {o.Queues.MaxReceiveCount} is outside 1-1000.";
        }

        if (!TopicName().IsMatch(o.AlertsTopic))
        {
            yield return $"{S}:AlertsTopic '{o.AlertsTopic}' is not a valid SNS topic name (1-256 characters: letters, digits, '-' and '_').";
        }

        if (!GlueName().IsMatch(o.GlueDatabase))
        {
            yield return $"{S}:GlueDatabase '{o.GlueDatabase}' is not a valid Glue database name (1-255 characters: lower-case letters, digits and '_').";
        }

        if (!WorkGroupName().IsMatch(o.AthenaWorkGroup))
        {
            yield return $"{S}:AthenaWorkGroup '{o.AthenaWorkGroup}' is not a valid Athena workgroup name (1-128 characters: letters, digits, '.', '_' and '-').";
        }

        if (!TableName().IsMatch(o.StatusTable))
        {
            yield return $"{S}:StatusTable '{o.StatusTable}' is not a valid DynamoDB table name (3-255 characters: letters, digits, '_', '-' and '.').";
        }

        if (!TablePrefix().IsMatch(o.ServingTablePrefix))
        {
            yield return $"{S}:ServingTablePrefix '{o.ServingTablePrefix}' is not a valid start of a DynamoDB table name (at most 50 characters: letters, digits, '_', '-' and '.').";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TopicName();

    // Glue accepts more, but Athena and DuckDB identifiers only behave with these.
    [GeneratedRegex("^[a-z0-9_]{1,255}$")]
    private static partial Regex GlueName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{0,50}$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex(@"^[a-zA-Z0-9._-]{1,128}$")]
    private static partial Regex WorkGroupName();
}
