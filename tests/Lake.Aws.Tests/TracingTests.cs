using System.Diagnostics;
using Lake.Aws.Sqs;
using Lake.Testing;

namespace Lake.Aws.Tests;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class TracingTests : IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "Lake.Aws",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public TracingTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _listener.ActivityStopped = activity =>
        {
            lock (_stopped)
            {
                _stopped.Add(activity);
            }
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task EachCallIsOneClientSpanNamedByServiceAndOperation()
    {
        using var sqs = new SqsClient(EmulatorClients.Options(_fixture));
        var name = TestNames.Unique("traced");

        await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name });

        var span = Spans().Single(a => a.DisplayName == "SQS.CreateQueue" && a.GetTagItem("rpc.method") as string == "CreateQueue" && a.Kind == ActivityKind.Client);
        Assert.Equal("aws-api", span.GetTagItem("rpc.system"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task AFailedCallsSpanCarriesTheAwsErrorCodeAndRequestId()
    {
        using var sqs = new SqsClient(EmulatorClients.Options(_fixture));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = TestNames.Unique("missing") }));

        var span = Spans().Last(a => a.DisplayName == "SQS.GetQueueUrl");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.ErrorCode, span.GetTagItem("aws.error_code"));
        Assert.Equal(error.RequestId, span.GetTagItem("aws.request_id"));
    }

    private List<Activity> Spans()
    {
        lock (_stopped)
        {
            return [.. _stopped];
        }
    }

    public void Dispose() => _listener.Dispose();
}
