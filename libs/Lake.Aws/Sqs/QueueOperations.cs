using System.Globalization;
using System.Text.Json.Serialization;

namespace Lake.Aws.Sqs;

public sealed class CreateQueueRequest
{
    public string QueueName { get; set; } = string.Empty;

    public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>Queue tags; the SQS model spells this member <c>tags</c> on the wire.</summary>
    [JsonPropertyName("tags")]
    public Dictionary<string, string> Tags { get; set; } = [];
}

public sealed class CreateQueueResponse
{
    public string QueueUrl { get; set; } = string.Empty;
}

public sealed class GetQueueUrlRequest
{
    public string QueueName { get; set; } = string.Empty;

    public string? QueueOwnerAWSAccountId { get; set; }
}

public sealed class GetQueueUrlResponse
{
    public string QueueUrl { get; set; } = string.Empty;
}

public sealed class GetQueueAttributesRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    /// <summary>Names from <see cref="QueueAttributeName"/>; none returns no attributes.</summary>
    public List<string> AttributeNames { get; set; } = [];
}

public sealed class GetQueueAttributesResponse
{
    public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>The <c>QueueArn</c> attribute, when it was asked for.</summary>
    [JsonIgnore]
    public string? QueueARN => Attributes.GetValueOrDefault(QueueAttributeName.QueueArn);

    /// <summary>The <c>ApproximateNumberOfMessages</c> attribute; 0 when it was not asked for.</summary>
    [JsonIgnore]
    public int ApproximateNumberOfMessages => IntAttribute(QueueAttributeName.ApproximateNumberOfMessages);

    /// <summary>The <c>VisibilityTimeout</c> attribute in seconds; 0 when it was not asked for.</summary>
    [JsonIgnore]
    public int VisibilityTimeout => IntAttribute(QueueAttributeName.VisibilityTimeout);

    private int IntAttribute(string name) =>
        int.TryParse(Attributes.GetValueOrDefault(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

public sealed class SetQueueAttributesRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    public Dictionary<string, string> Attributes { get; set; } = [];
}

public sealed class SetQueueAttributesResponse;
