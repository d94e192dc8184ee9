using System.Text.Json.Nodes;

namespace Lake.Provisioning;

internal static class QueuePolicies
{
    /// <summary>The policy AWS requires before S3 may deliver a bucket's notifications to a queue.</summary>
    public static string AllowS3Bucket(string queueArn, string bucket) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = $"AllowS3Notifications-{bucket}",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "s3.amazonaws.com" },
            ["Action"] = "sqs:SendMessage",
            ["Resource"] = queueArn,
            ["Condition"] = new JsonObject
            {
                ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = $"arn:aws:s3:::{bucket}" },
            },
        }),
    }.ToJsonString();
}
