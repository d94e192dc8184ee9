using System.Text.Json.Nodes;

namespace Lake.Provisioning;

internal static class QueuePolicies
{
    /// <summary>The policy AWS requires before S3 may deliver a bucket's notifications to a queue.</summary>
    public static string AllowS3Bucket(string queueArn, string bucket) =>
        AllowService($"AllowS3Notifications-{bucket}", "s3.amazonaws.com", queueArn, $"arn:aws:s3:::{bucket}");

    /// <summary>The policy AWS requires before an SNS topic may deliver to a subscribed queue.</summary>
    public static string AllowSnsTopic(string queueArn, string topicArn) =>
        AllowService($"AllowSnsDelivery-{topicArn.Split(':')[^1]}", "sns.amazonaws.com", queueArn, topicArn);

    private static string AllowService(string sid, string service, string queueArn, string sourceArn) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = service },
            ["Action"] = "sqs:SendMessage",
            ["Resource"] = queueArn,
            ["Condition"] = new JsonObject
            {
                ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = sourceArn },
            },
        }),
    }.ToJsonString();
}
