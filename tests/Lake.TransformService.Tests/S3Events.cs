using System.Text.Json.Nodes;

namespace Lake.TransformService.Tests;

/// <summary>S3 event notification bodies as S3 sends them to SQS (keys URL-encoded, spaces as '+').</summary>
internal static class S3Events
{
    public static string ObjectCreated(string bucket, string key) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = "us-east-1",
            ["eventTime"] = DateTime.UtcNow.ToString("O"),
            ["eventName"] = "ObjectCreated:Put",
            ["s3"] = new JsonObject
            {
                ["bucket"] = new JsonObject { ["name"] = bucket, ["arn"] = $"arn:aws:s3:::{bucket}" },
                ["object"] = new JsonObject { ["key"] = Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal), ["size"] = 1 },
            },
        }),
    }.ToJsonString();
}
