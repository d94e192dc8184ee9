using System.Net;
using Lake.Aws.Sqs;

namespace Lake.Aws.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class RetryTests
{
    private const string Sent = """{"MessageId":"m-1","MD5OfMessageBody":"5d41402abc4b2a76b9719d911017c592"}""";
    private static readonly SendMessageRequest Request = new() { QueueUrl = "https://stub.example.test/1/q", MessageBody = "hello" };

    private readonly StubClients _stub = new();

    [Fact]
    public async Task A_server_error_is_retried_and_the_later_success_returned()
    {
        _stub.Handler.Then(HttpStatusCode.InternalServerError, """{"__type":"InternalError","message":"try again"}""").Then(HttpStatusCode.OK, Sent);
        using var sqs = new SqsClient(_stub.Options(), _stub.Http());

        var response = await sqs.SendMessageAsync(Request);

        Assert.Equal("m-1", response.MessageId);
        Assert.Equal(2, _stub.Handler.Requests.Count);
        Assert.Single(_stub.Delays);
        Assert.All(_stub.Handler.Requests, request => Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Headers["Authorization"]));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.sqs#ThrottlingException","message":"Rate exceeded"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"__type":"RequestThrottled","message":"slow down"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "<html>upstream unavailable</html>")]
    public async Task ThrottlingAndUnavailabilityAreRetried(HttpStatusCode status, string body)
    {
        _stub.Handler.Then(status, body).Then(status, body).Then(HttpStatusCode.OK, Sent);
        using var sqs = new SqsClient(_stub.Options(), _stub.Http());

        var response = await sqs.SendMessageAsync(Request);

        Assert.Equal("m-1", response.MessageId);
        Assert.Equal(3, _stub.Handler.Requests.Count);
        Assert.Equal(2, _stub.Delays.Count);
    }

    [Fact]
    public async Task A_client_error_is_thrown_at_once_without_a_retry()
    {
        _stub.Handler.Then(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.sqs#InvalidParameterValue","message":"bad body"}""");
        using var sqs = new SqsClient(_stub.Options(), _stub.Http());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sqs.SendMessageAsync(Request));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Single(_stub.Handler.Requests);
        Assert.Empty(_stub.Delays);
    }

    [Fact]
    public async Task RetriesStopAfterMaxAttemptsWithTheLastError()
    {
        for (var i = 0; i < 3; i++)
        {
            _stub.Handler.Then(HttpStatusCode.ServiceUnavailable, """{"__type":"ServiceUnavailable","message":"down"}""", ("x-amzn-RequestId", $"r-{i}"));
        }

        using var sqs = new SqsClient(_stub.Options(maxAttempts: 3), _stub.Http());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sqs.SendMessageAsync(Request));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("r-2", error.RequestId);
        Assert.Equal(3, _stub.Handler.Requests.Count);
        Assert.Equal(2, _stub.Delays.Count);
    }

    [Fact]
    public async Task A_network_failure_is_retried()
    {
        _stub.Handler.ThenThrow(new HttpRequestException("Connection refused")).Then(HttpStatusCode.OK, Sent);
        using var sqs = new SqsClient(_stub.Options(), _stub.Http());

        var response = await sqs.SendMessageAsync(Request);

        Assert.Equal("m-1", response.MessageId);
        Assert.Equal(2, _stub.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_the_caller_did_not_ask_for_is_retried()
    {
        _stub.Handler
            .Then(async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), token);
                return StubHandler.Response(HttpStatusCode.OK, Sent);
            })
            .Then(HttpStatusCode.OK, Sent);
        using var sqs = new SqsClient(_stub.Options(), _stub.Http(timeout: TimeSpan.FromMilliseconds(200)));

        var response = await sqs.SendMessageAsync(Request);

        Assert.Equal("m-1", response.MessageId);
        Assert.Equal(2, _stub.Handler.Requests.Count);
    }

    [Fact]
    public async Task CancellingWhileWaitingToRetryStopsTheRetries()
    {
        using var cancellation = new CancellationTokenSource();
        _stub.Handler.Then(HttpStatusCode.InternalServerError, "").Then(HttpStatusCode.OK, Sent);
        var options = _stub.Options(delay: (wait, token) =>
        {
            cancellation.Cancel();
            return Task.Delay(wait, token);
        });
        using var sqs = new SqsClient(options, _stub.Http());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sqs.SendMessageAsync(Request, cancellation.Token));

        Assert.Single(_stub.Handler.Requests);
    }

    [Fact]
    public async Task CancellingDuringARequestIsNotMistakenForATimeout()
    {
        using var cancellation = new CancellationTokenSource();
        _stub.Handler.Then(async (_, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return StubHandler.Response(HttpStatusCode.OK, Sent);
        });
        using var sqs = new SqsClient(_stub.Options(), _stub.Http());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sqs.SendMessageAsync(Request, cancellation.Token));

        Assert.Single(_stub.Handler.Requests);
        Assert.Empty(_stub.Delays);
    }

    [Fact]
    public void BackoffGrowsExponentiallyWithFullJitterUnderACap()
    {
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(
                RetryPolicy.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1), RetryPolicy.MaxDelay.TotalMilliseconds));
            for (var sample = 0; sample < 20; sample++)
            {
                Assert.InRange(RetryPolicy.Backoff(attempt), TimeSpan.Zero, ceiling);
            }
        }

        var waits = Enumerable.Range(0, 50).Select(_ => RetryPolicy.Backoff(5)).Distinct().Count();
        Assert.True(waits > 1, "the waits should be jittered");
    }
}
