using System.Net;
using Lake.Aws.Glue;

namespace Lake.Aws.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class RetryTests
{
    private const string Found = """{"Database":{"Name":"lake","LocationUri":"s3://lake-curated/"}}""";
    private static readonly GetDatabaseRequest Request = new() { Name = "lake" };

    private readonly StubClients _stub = new();

    [Fact]
    public async Task A_server_error_is_retried_and_the_later_success_returned()
    {
        _stub.Handler.Then(HttpStatusCode.InternalServerError, """{"__type":"InternalError","message":"try again"}""").Then(HttpStatusCode.OK, Found);
        using var glue = new GlueClient(_stub.Options(), _stub.Http());

        var response = await glue.GetDatabaseAsync(Request);

        Assert.Equal("lake", response.Database.Name);
        Assert.Equal(2, _stub.Handler.Requests.Count);
        Assert.Single(_stub.Delays);
        Assert.All(_stub.Handler.Requests, request => Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Headers["Authorization"]));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.glue#ThrottlingException","message":"Rate exceeded"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"__type":"RequestThrottled","message":"slow down"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "<html>upstream unavailable</html>")]
    public async Task ThrottlingAndUnavailabilityAreRetried(HttpStatusCode status, string body)
    {
        _stub.Handler.Then(status, body).Then(status, body).Then(HttpStatusCode.OK, Found);
        using var glue = new GlueClient(_stub.Options(), _stub.Http());

        var response = await glue.GetDatabaseAsync(Request);

        Assert.Equal("lake", response.Database.Name);
        Assert.Equal(3, _stub.Handler.Requests.Count);
        Assert.Equal(2, _stub.Delays.Count);
    }

    [Fact]
    public async Task A_client_error_is_thrown_at_once_without_a_retry()
    {
        _stub.Handler.Then(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.glue#InvalidInputException","message":"bad name"}""");
        using var glue = new GlueClient(_stub.Options(), _stub.Http());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => glue.GetDatabaseAsync(Request));

        Assert.Equal("InvalidInputException", error.ErrorCode);
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

        using var glue = new GlueClient(_stub.Options(maxAttempts: 3), _stub.Http());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => glue.GetDatabaseAsync(Request));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("r-2", error.RequestId);
        Assert.Equal(3, _stub.Handler.Requests.Count);
        Assert.Equal(2, _stub.Delays.Count);
    }

    [Fact]
    public async Task A_network_failure_is_retried()
    {
        _stub.Handler.ThenThrow(new HttpRequestException("Connection refused")).Then(HttpStatusCode.OK, Found);
        using var glue = new GlueClient(_stub.Options(), _stub.Http());

        var response = await glue.GetDatabaseAsync(Request);

        Assert.Equal("lake", response.Database.Name);
        Assert.Equal(2, _stub.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_the_caller_did_not_ask_for_is_retried()
    {
        _stub.Handler
            .Then(async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), token);
                return StubHandler.Response(HttpStatusCode.OK, Found);
            })
            .Then(HttpStatusCode.OK, Found);
        using var glue = new GlueClient(_stub.Options(), _stub.Http(timeout: TimeSpan.FromMilliseconds(200)));

        var response = await glue.GetDatabaseAsync(Request);

        Assert.Equal("lake", response.Database.Name);
        Assert.Equal(2, _stub.Handler.Requests.Count);
    }

    [Fact]
    public async Task CancellingWhileWaitingToRetryStopsTheRetries()
    {
        using var cancellation = new CancellationTokenSource();
        _stub.Handler.Then(HttpStatusCode.InternalServerError, "").Then(HttpStatusCode.OK, Found);
        var options = _stub.Options(delay: (wait, token) =>
        {
            cancellation.Cancel();
            return Task.Delay(wait, token);
        });
        using var glue = new GlueClient(options, _stub.Http());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => glue.GetDatabaseAsync(Request, cancellation.Token));

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
            return StubHandler.Response(HttpStatusCode.OK, Found);
        });
        using var glue = new GlueClient(_stub.Options(), _stub.Http());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => glue.GetDatabaseAsync(Request, cancellation.Token));

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
