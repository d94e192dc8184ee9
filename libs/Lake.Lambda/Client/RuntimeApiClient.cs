using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lake.Lambda.Context;

namespace Lake.Lambda.Client;

/// <summary>HTTP client of the Runtime API at <c>http://{AWS_LAMBDA_RUNTIME_API}/2018-06-01/</c>.</summary>
public sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly LambdaEnvironment _environment;

    public RuntimeApiClient(LambdaEnvironment environment, HttpClient? httpClient = null)
    {
        _environment = environment;

        // /next blocks until an invocation arrives, which may be hours: no client-side timeout.
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _http.BaseAddress = new Uri($"http://{environment.RuntimeApi}/2018-06-01/");
    }

    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken);
        await EnsureAcceptedAsync(response, "next invocation", cancellationToken);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var requestId = Header(response, RuntimeApiHeaders.RequestId)
            ?? throw new RuntimeApiException("The Runtime API sent an invocation without a request id.");
        var deadline = long.TryParse(Header(response, RuntimeApiHeaders.DeadlineMs), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow.AddSeconds(3);
        var context = new LambdaContext(
            requestId, deadline, Header(response, RuntimeApiHeaders.InvokedFunctionArn) ?? "",
            Header(response, RuntimeApiHeaders.TraceId), _environment);
        return new InvocationRequest(payload, context);
    }

    public async Task SendResponseAsync(string awsRequestId, Stream output, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(output);
        using var response = await _http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(awsRequestId)}/response", content, cancellationToken);
        await EnsureAcceptedAsync(response, "response", cancellationToken);
    }

    public Task ReportInvocationErrorAsync(string awsRequestId, Exception exception, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(awsRequestId)}/error", exception, cancellationToken);

    public Task ReportInitializationErrorAsync(Exception exception, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", exception, cancellationToken);

    private async Task PostErrorAsync(string path, Exception exception, CancellationToken cancellationToken)
    {
        var error = new LambdaError(
            exception.Message, exception.GetType().Name,
            exception.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []);
        using var content = new StringContent(JsonSerializer.Serialize(error, LambdaJsonContext.Default.LambdaError), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(RuntimeApiHeaders.FunctionErrorType, $"Unhandled.{error.ErrorType}");
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAcceptedAsync(response, "error report", cancellationToken);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RuntimeApiException($"The Runtime API refused the {what}: {(int)response.StatusCode} {body}");
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The Runtime API answered in a way the runtime cannot go on from.</summary>
public sealed class RuntimeApiException(string message) : Exception(message);
