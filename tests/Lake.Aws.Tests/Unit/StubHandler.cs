using System.Net;
using System.Text;

namespace Lake.Aws.Tests.Unit;

/// <summary>
/// An HTTP handler that answers from a script and records what it was sent. Used only where the emulator cannot
/// produce the situation: failures to retry, and pages moto does not split.
/// </summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<RecordedRequest> Requests { get; } = [];

    public StubHandler Then(HttpStatusCode status, string body = "", params (string Name, string Value)[] headers) =>
        Then((_, _) => Task.FromResult(Response(status, body, headers)));

    public StubHandler Then(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public StubHandler ThenThrow(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    public static HttpResponseMessage Response(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(header => header.Key, header => string.Join(',', header.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        if (!_answers.TryDequeue(out var answer))
        {
            throw new InvalidOperationException($"No answer scripted for request {Requests.Count}.");
        }

        return await answer(recorded, cancellationToken);
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
