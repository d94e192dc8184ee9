using System.Diagnostics;
using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Lake.Aws.Signing;

namespace Lake.Aws.Protocols;

/// <summary>
/// Sends signed calls to one AWS service: resolves region, endpoint and credentials, signs every try afresh,
/// retries what is worth retrying, and turns error responses into <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class AwsHttpClient : IDisposable
{
    /// <summary>How long one try may take before it counts as a transient failure.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Lazy<AWSCredentials> _credentials;
    private readonly int _maxAttempts;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public AwsHttpClient(AwsService service, AwsClientOptions? options, HttpClient? httpClient, AwsEndpointResolver? resolver = null)
    {
        options ??= new AwsClientOptions();
        resolver ??= AwsEndpointResolver.FromProcessEnvironment;
        Service = service;
        Region = resolver.ResolveRegion(options.Region);
        Endpoint = resolver.ResolveEndpoint(service, Region, options.ServiceUrl);
        _maxAttempts = Math.Max(1, options.MaxAttempts);
        _delay = options.RetryDelay;
        var configured = options.Credentials;
        _credentials = new Lazy<AWSCredentials>(
            () => configured ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(),
            LazyThreadSafetyMode.PublicationOnly);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public AwsService Service { get; }

    public string Region { get; }

    public Uri Endpoint { get; }

    /// <summary>Sends <paramref name="request"/> until it succeeds or fails for good; returns the success body. One span per call.</summary>
    public async Task<byte[]> SendAsync(
        AwsHttpRequest request,
        Func<HttpResponseMessage, byte[], AwsErrorDetails> parseError,
        CancellationToken cancellationToken)
    {
        using var activity = AwsActivities.StartCall(Service, request.Operation, Region);
        try
        {
            return await SendWithRetriesAsync(request, parseError, cancellationToken);
        }
        catch (Exception exception) when (activity is not null)
        {
            AwsActivities.RecordFailure(activity, exception);
            throw;
        }
    }

    private async Task<byte[]> SendWithRetriesAsync(
        AwsHttpRequest request,
        Func<HttpResponseMessage, byte[], AwsErrorDetails> parseError,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var message = await CreateSignedMessageAsync(request);
            using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptLimit.CancelAfter(AttemptTimeout);
            try
            {
                using var response = await _http.SendAsync(message, attemptLimit.Token);
                var body = await response.Content.ReadAsByteArrayAsync(attemptLimit.Token);
                if (response.IsSuccessStatusCode)
                {
                    Activity.Current?.SetTag("aws.attempts", attempt);
                    return body;
                }

                var error = parseError(response, body).ToException(Service.ServiceId, response.StatusCode);
                if (attempt >= _maxAttempts || !RetryPolicy.IsRetryable(error))
                {
                    throw error;
                }
            }
            catch (HttpRequestException) when (attempt < _maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                // A connection reset, refused or dropped: another try may reach a healthy host.
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _maxAttempts)
                {
                    throw new TimeoutException(
                        $"{Service.ServiceId} {request.Operation} did not answer within {AttemptTimeout.TotalSeconds:0}s, {attempt} times.", exception);
                }
            }

            await _delay(RetryPolicy.Backoff(attempt), cancellationToken);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<HttpRequestMessage> CreateSignedMessageAsync(AwsHttpRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var credentials = await _credentials.Value.GetCredentialsAsync();
        SigV4Signer.Sign(message, request.Body, credentials, Region, Service.SigningName, DateTime.UtcNow);
        return message;
    }
}
