using Lake.Aws.Protocols;

namespace Lake.Aws.Sns;

/// <summary>Amazon SNS over its Query protocol (2010-03-31), shaped like <c>Amazon.SimpleNotificationService.AmazonSimpleNotificationServiceClient</c>.</summary>
public sealed class SnsClient : IDisposable
{
    private readonly QueryProtocol _protocol;

    /// <param name="options">Region, endpoint and credentials; unset ones come from the standard AWS settings.</param>
    /// <param name="httpClient">A client to send through (its lifetime stays the caller's); otherwise one is owned.</param>
    public SnsClient(AwsClientOptions? options = null, HttpClient? httpClient = null)
    {
        _protocol = new QueryProtocol(new AwsHttpClient(AwsService.Sns, options, httpClient), "2010-03-31");
    }

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _protocol.Http.Endpoint;

    public async Task<CreateTopicResponse> CreateTopicAsync(CreateTopicRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new QueryParameters().Add("Name", request.Name).AddMap("Attributes", request.Attributes);
        var result = await _protocol.InvokeAsync("CreateTopic", parameters, cancellationToken);
        return new CreateTopicResponse { TopicArn = result.ChildValue("TopicArn") ?? string.Empty };
    }

    /// <exception cref="AwsServiceException"><c>NotFound</c> when the topic does not exist.</exception>
    public async Task<GetTopicAttributesResponse> GetTopicAttributesAsync(GetTopicAttributesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _protocol.InvokeAsync("GetTopicAttributes", new QueryParameters().Add("TopicArn", request.TopicArn), cancellationToken);
        var entries = result.Child("Attributes")?.Elements().Where(e => e.Name.LocalName == "entry") ?? [];
        return new GetTopicAttributesResponse
        {
            Attributes = entries.ToDictionary(e => e.ChildValue("key") ?? string.Empty, e => e.ChildValue("value") ?? string.Empty, StringComparer.Ordinal),
        };
    }

    public async Task<SubscribeResponse> SubscribeAsync(SubscribeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new QueryParameters()
            .Add("TopicArn", request.TopicArn)
            .Add("Protocol", request.Protocol)
            .Add("Endpoint", request.Endpoint)
            .AddMap("Attributes", request.Attributes);
        if (request.ReturnSubscriptionArn)
        {
            parameters.Add("ReturnSubscriptionArn", true);
        }

        var result = await _protocol.InvokeAsync("Subscribe", parameters, cancellationToken);
        return new SubscribeResponse { SubscriptionArn = result.ChildValue("SubscriptionArn") ?? string.Empty };
    }

    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new QueryParameters()
            .Add("TopicArn", request.TopicArn)
            .Add("Message", request.Message)
            .Add("Subject", request.Subject);
        var index = 1;
        foreach (var (name, value) in request.MessageAttributes)
        {
            var entry = QueryParameters.Entry("MessageAttributes", index++);
            parameters.Add($"{entry}.Name", name)
                .Add($"{entry}.Value.DataType", value.DataType)
                .Add($"{entry}.Value.StringValue", value.StringValue);
        }

        var result = await _protocol.InvokeAsync("Publish", parameters, cancellationToken);
        return new PublishResponse { MessageId = result.ChildValue("MessageId") ?? string.Empty };
    }

    /// <summary>One page (up to 100) of the topic's subscriptions; follow <see cref="ListSubscriptionsByTopicResponse.NextToken"/> for more.</summary>
    public async Task<ListSubscriptionsByTopicResponse> ListSubscriptionsByTopicAsync(
        ListSubscriptionsByTopicRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new QueryParameters().Add("TopicArn", request.TopicArn).Add("NextToken", request.NextToken);
        var result = await _protocol.InvokeAsync("ListSubscriptionsByTopic", parameters, cancellationToken);
        var subscriptions = result.Child("Subscriptions").Members().Select(member => new Subscription
        {
            SubscriptionArn = member.ChildValue("SubscriptionArn") ?? string.Empty,
            Owner = member.ChildValue("Owner") ?? string.Empty,
            Protocol = member.ChildValue("Protocol") ?? string.Empty,
            Endpoint = member.ChildValue("Endpoint") ?? string.Empty,
            TopicArn = member.ChildValue("TopicArn") ?? string.Empty,
        });
        var nextToken = result.ChildValue("NextToken");
        return new ListSubscriptionsByTopicResponse
        {
            Subscriptions = [.. subscriptions],
            NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken,
        };
    }

    public void Dispose() => _protocol.Http.Dispose();
}
