using Lake.Aws.Protocols;

namespace Lake.Aws.Sqs;

/// <summary>Amazon SQS over its JSON 1.0 protocol, shaped like <c>Amazon.SQS.AmazonSQSClient</c>.</summary>
public sealed class SqsClient : IDisposable
{
    private readonly JsonProtocol _protocol;

    /// <param name="options">Region, endpoint and credentials; unset ones come from the standard AWS settings.</param>
    /// <param name="httpClient">A client to send through (its lifetime stays the caller's); otherwise one is owned.</param>
    public SqsClient(AwsClientOptions? options = null, HttpClient? httpClient = null)
    {
        _protocol = new JsonProtocol(new AwsHttpClient(AwsService.Sqs, options, httpClient), "AmazonSQS", "1.0", queryCompatible: true);
    }

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _protocol.Http.Endpoint;

    public Task<CreateQueueResponse> CreateQueueAsync(CreateQueueRequest request, CancellationToken cancellationToken = default) =>
        Invoke<CreateQueueRequest, CreateQueueResponse>("CreateQueue", request, cancellationToken);

    public Task<GetQueueUrlResponse> GetQueueUrlAsync(GetQueueUrlRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetQueueUrlRequest, GetQueueUrlResponse>("GetQueueUrl", request, cancellationToken);

    public Task<GetQueueAttributesResponse> GetQueueAttributesAsync(GetQueueAttributesRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetQueueAttributesRequest, GetQueueAttributesResponse>("GetQueueAttributes", request, cancellationToken);

    public Task<SetQueueAttributesResponse> SetQueueAttributesAsync(SetQueueAttributesRequest request, CancellationToken cancellationToken = default) =>
        Invoke<SetQueueAttributesRequest, SetQueueAttributesResponse>("SetQueueAttributes", request, cancellationToken);

    public Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        Invoke<SendMessageRequest, SendMessageResponse>("SendMessage", request, cancellationToken);

    public Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default) =>
        Invoke<SendMessageBatchRequest, SendMessageBatchResponse>("SendMessageBatch", request, cancellationToken);

    /// <summary>Receives up to <see cref="ReceiveMessageRequest.MaxNumberOfMessages"/>; long polls for <see cref="ReceiveMessageRequest.WaitTimeSeconds"/>.</summary>
    public Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var longPoll = TimeSpan.FromSeconds(Math.Max(0, request.WaitTimeSeconds ?? 20));
        return _protocol.InvokeAsync<ReceiveMessageRequest, ReceiveMessageResponse>("ReceiveMessage", request, cancellationToken, longPoll);
    }

    public Task<DeleteMessageResponse> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default) =>
        Invoke<DeleteMessageRequest, DeleteMessageResponse>("DeleteMessage", request, cancellationToken);

    public Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default) =>
        Invoke<DeleteMessageBatchRequest, DeleteMessageBatchResponse>("DeleteMessageBatch", request, cancellationToken);

    public Task<ChangeMessageVisibilityResponse> ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken = default) =>
        Invoke<ChangeMessageVisibilityRequest, ChangeMessageVisibilityResponse>("ChangeMessageVisibility", request, cancellationToken);

    public void Dispose() => _protocol.Http.Dispose();

    private Task<TResponse> Invoke<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
        where TResponse : new() =>
        _protocol.InvokeAsync<TRequest, TResponse>(operation, request, cancellationToken);
}
