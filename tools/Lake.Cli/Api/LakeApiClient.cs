using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Cli.Connection;

namespace Lake.Cli.Api;

/// <summary>
/// Calls to one of the lake's services: its key in <c>x-api-key</c>, a refused connection turned into
/// <see cref="LakeNotRunningException"/>, and an error answer (RFC 7807 problem details) into <see cref="LakeApiException"/>.
/// </summary>
internal sealed class LakeApiClient(HttpClient http, LakeEndpoint endpoint)
{
    public const string KeyHeader = "x-api-key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public LakeEndpoint Endpoint => endpoint;

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, content: null, accept: null, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body, options: Json), accept: null, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>Sends a request and returns a successful response (the caller disposes it), its body not yet read.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path.TrimStart('/'))) { Content = content };
        if (endpoint.Key is { } key)
        {
            request.Headers.Add(KeyHeader, key);
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new LakeNotRunningException(endpoint, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemAsync(response, cancellationToken);
        }
    }

    private Uri BaseUrl => endpoint.Url.AbsolutePath.EndsWith('/') ? endpoint.Url : new Uri(endpoint.Url + "/");

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new LakeApiException(endpoint, response.StatusCode, $"the {endpoint.Service} at {endpoint.Url} answered an empty body");
        }
        catch (JsonException e)
        {
            throw new LakeApiException(endpoint, response.StatusCode, $"the {endpoint.Service} at {endpoint.Url} answered something that is not the expected JSON: {e.Message}");
        }
    }

    private async Task<LakeApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null, detail = null, code = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = Text(problem.RootElement, "title");
                detail = Text(problem.RootElement, "detail");
                code = Text(problem.RootElement, "code");
            }
        }
        catch (JsonException)
        {
            detail = body.Length > 300 ? body[..300] + "..." : body;
        }

        var status = (int)response.StatusCode;
        var said = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized when endpoint.Key is null =>
                $"the {endpoint.Service} at {endpoint.Url} needs a key ({said}): {endpoint.KeyHint}",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"the {endpoint.Service} at {endpoint.Url} refused the key from {endpoint.KeySource} ({status}: {said}): {endpoint.KeyHint}",
            _ => $"the {endpoint.Service} answered {status}: {(said.Length > 0 ? said : response.ReasonPhrase)}",
        };
        return new LakeApiException(endpoint, response.StatusCode, message, code);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
