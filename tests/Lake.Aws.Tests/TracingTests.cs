using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Aws.Glue;
using Lake.Aws.Telemetry;
using Lake.Testing;

namespace Lake.Aws.Tests;

/// <summary>
/// One client span per AWS call: Lake's own clients on the <c>Lake.Aws</c> source, the SDK's (S3, DynamoDB, SQS)
/// through <see cref="AwsSdkTracing"/> on <c>Lake.AwsSdk</c>, both named <c>Service.Operation</c>.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class TracingTests : IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is "Lake.Aws" or AwsSdkTracing.SourceName,
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
        AwsSdkTracing.Enable();
    }

    [Fact]
    public async Task EachCallOfOurClientsIsOneClientSpanNamedByServiceAndOperation()
    {
        using var glue = new GlueClient(EmulatorClients.Options(_fixture));

        await glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new() { Name = TestNames.Unique("traced").Replace('-', '_') } });

        var span = Spans("Lake.Aws").Single(a => a.DisplayName == "Glue.CreateDatabase" && a.GetTagItem("rpc.method") as string == "CreateDatabase" && a.Kind == ActivityKind.Client);
        Assert.Equal("aws-api", span.GetTagItem("rpc.system"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task AFailedCallOfOurClientsCarriesTheAwsErrorCodeAndRequestId()
    {
        using var glue = new GlueClient(EmulatorClients.Options(_fixture));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => glue.GetDatabaseAsync(new GetDatabaseRequest { Name = TestNames.Unique("missing").Replace('-', '_') }));

        var span = Spans("Lake.Aws").Last(a => a.DisplayName == "Glue.GetDatabase");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.ErrorCode, span.GetTagItem("aws.error_code"));
        Assert.Equal(error.RequestId, span.GetTagItem("aws.request_id"));
    }

    [Fact]
    public async Task EachSdkCallIsOneClientSpanNamedByServiceAndOperation()
    {
        using var sqs = _fixture.AwsOptions.CreateServiceClient<IAmazonSQS>();

        await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = TestNames.Unique("traced") });

        var span = Spans(AwsSdkTracing.SourceName).Single(a => a.DisplayName == "SQS.CreateQueue" && a.Kind == ActivityKind.Client);
        Assert.Equal("aws-api", span.GetTagItem("rpc.system"));
        Assert.Equal("SQS", span.GetTagItem("rpc.service"));
        Assert.Equal("CreateQueue", span.GetTagItem("rpc.method"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task AFailedSdkCallsSpanCarriesTheAwsErrorCodeAndRequestId()
    {
        using var sqs = _fixture.AwsOptions.CreateServiceClient<IAmazonSQS>();

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = TestNames.Unique("missing") }));

        var span = Spans(AwsSdkTracing.SourceName).Last(a => a.DisplayName == "SQS.GetQueueUrl");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.ErrorCode, span.GetTagItem("aws.error_code"));
        Assert.Equal(error.RequestId, span.GetTagItem("aws.request_id"));
    }

    private List<Activity> Spans(string source)
    {
        lock (_stopped)
        {
            return [.. _stopped.Where(activity => activity.Source.Name == source)];
        }
    }

    public void Dispose() => _listener.Dispose();
}
