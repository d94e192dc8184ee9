using System.Net;
using Lake.Aws.Sqs;
using Lake.Testing;

namespace Lake.Aws.Tests.Sqs;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SqsQueueTests(EmulatorFixture fixture) : IDisposable
{
    private readonly SqsClient _sqs = new(EmulatorClients.Options(fixture));

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task A_created_queue_is_found_by_name_and_reports_its_attributes()
    {
        var name = TestNames.Unique("orders");
        var created = await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = { [QueueAttributeName.VisibilityTimeout] = "45", [QueueAttributeName.MessageRetentionPeriod] = "3600" },
            Tags = { ["team"] = "lake" },
        });

        var found = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name });
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = created.QueueUrl,
            AttributeNames = [QueueAttributeName.All],
        });

        Assert.EndsWith($"/{EmulatorFixture.AccountId}/{name}", created.QueueUrl);
        Assert.Equal(created.QueueUrl, found.QueueUrl);
        Assert.Equal($"arn:aws:sqs:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{name}", attributes.QueueARN);
        Assert.Equal(45, attributes.VisibilityTimeout);
        Assert.Equal("3600", attributes.Attributes[QueueAttributeName.MessageRetentionPeriod]);
        Assert.Equal(0, attributes.ApproximateNumberOfMessages);
    }

    [Fact]
    public async Task SetQueueAttributesChangesTheVisibilityTimeoutAndTheRedrivePolicy()
    {
        var queueUrl = await CreateQueueAsync("work");
        var deadLetterUrl = await CreateQueueAsync("work-dlq");
        var deadLetterArn = (await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = deadLetterUrl,
            AttributeNames = [QueueAttributeName.QueueArn],
        })).QueueARN;
        var redrive = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":"3"}""";

        await _sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            Attributes = { [QueueAttributeName.VisibilityTimeout] = "7", [QueueAttributeName.RedrivePolicy] = redrive },
        });
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = [QueueAttributeName.VisibilityTimeout, QueueAttributeName.RedrivePolicy],
        });

        Assert.Equal(7, attributes.VisibilityTimeout);
        Assert.Contains(deadLetterArn!, attributes.Attributes[QueueAttributeName.RedrivePolicy]);
        Assert.Contains("maxReceiveCount", attributes.Attributes[QueueAttributeName.RedrivePolicy]);
    }

    [Fact]
    public async Task AskingForAMissingQueueFailsWithTheQueryCompatibleErrorCodeAndARequestId()
    {
        var name = TestNames.Unique("missing");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }));

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.ErrorCode);
        Assert.Equal("QueueDoesNotExist", error.ErrorType);
        Assert.True(error.Is("QueueDoesNotExist"));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("SQS", error.ServiceName);
        Assert.Equal("The specified queue does not exist.", error.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal($"SQS AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist. (request {error.RequestId})", error.Message);
    }

    private async Task<string> CreateQueueAsync(string suffix) =>
        (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique(suffix) })).QueueUrl;
}
