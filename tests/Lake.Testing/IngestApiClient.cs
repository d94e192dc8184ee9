using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.Testing;

/// <summary>A client of the ingest API doing what a user's program does: ask for an upload URL, PUT the file, follow its status.</summary>
public sealed class IngestApiClient : IDisposable
{
    private readonly HttpClient _api;
    private readonly HttpClient _storage = new();

    public IngestApiClient(Uri baseAddress, string apiKey)
    {
        _api = new HttpClient { BaseAddress = baseAddress };
        _api.DefaultRequestHeaders.Add("x-api-key", apiKey);
    }

    /// <summary>Uploads <paramref name="content"/> as <paramref name="fileName"/>; returns the upload id.</summary>
    /// <param name="traceparent">A W3C traceparent the upload's trace continues, when the test follows it.</param>
    public async Task<string> UploadAsync(string dataset, string fileName, byte[] content, string? traceparent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/uploads")
        {
            Content = JsonContent.Create(new { dataset, fileName, size = content.Length }),
        };
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var created = await _api.SendAsync(request);
        if (!created.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /v1/uploads answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        var ticket = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var put = PresignedPut(new Uri(ticket.GetProperty("url").GetString()!),
            ticket.GetProperty("headers").EnumerateObject().Select(h => KeyValuePair.Create(h.Name, h.Value.GetString()!)), content);

        using var stored = await _storage.SendAsync(put);
        stored.EnsureSuccessStatusCode();
        return ticket.GetProperty("uploadId").GetString()!;
    }

    /// <summary>The PUT a client sends to an upload URL: every header the ingest API listed (they are signed), content headers on the content.</summary>
    public static HttpRequestMessage PresignedPut(Uri url, IEnumerable<KeyValuePair<string, string>> headers, byte[] content)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        foreach (var (name, value) in headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                put.Content.Headers.Remove(name);
                put.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                put.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return put;
    }

    /// <summary><c>GET /v1/uploads/{id}</c>: the stage, details and history; null while the upload is unknown.</summary>
    public async Task<JsonElement?> StatusAsync(string uploadId)
    {
        using var response = await _api.GetAsync($"/v1/uploads/{uploadId}");
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the upload's stage is one of <paramref name="stages"/> and returns its status.</summary>
    public async Task<JsonElement> WaitForStageAsync(string uploadId, TimeSpan timeout, params string[] stages)
    {
        var deadline = Stopwatch.StartNew();
        string? last = null;
        while (deadline.Elapsed < timeout)
        {
            if (await StatusAsync(uploadId) is { } status)
            {
                last = status.GetProperty("stage").GetString();
                if (stages.Contains(last))
                {
                    return status;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Upload {uploadId} is {last ?? "unknown"} after {timeout}, not {string.Join(" or ", stages)}.");
    }

    public void Dispose()
    {
        _api.Dispose();
        _storage.Dispose();
    }
}
