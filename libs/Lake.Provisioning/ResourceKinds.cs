namespace Lake.Provisioning;

/// <summary>The <see cref="ProvisionedResource.Kind"/> values.</summary>
public static class ResourceKinds
{
    public const string Bucket = "S3 bucket";
    public const string Queue = "SQS queue";
    public const string QueuePolicy = "SQS queue policy";
    public const string BucketNotification = "S3 notification";
    public const string Topic = "SNS topic";
    public const string Subscription = "SNS subscription";
    public const string GlueDatabase = "Glue database";
    public const string StatusTable = "DynamoDB table";
    public const string ServingTable = "DynamoDB serving table";
}
