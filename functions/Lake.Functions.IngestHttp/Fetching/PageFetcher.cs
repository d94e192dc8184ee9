using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Lake.Functions.IngestHttp.Fetching;

/// <summary>
/// Fetches one page: each attempt has a timeout; a timeout, a failed connection, a 5xx, 408 or 429 is retried with
/// exponential backoff and jitter (Polly) up to the source's attempts; any other status fails at once. A body larger
/// than the limit fails (nothing unbounded is held in memory).
/// </summary>
public sealed class PageFetcher(HttpClient http, TimeSpan firstBackoff)
{
    public async Task<string> FetchAsync(Uri url, TimeSpan timeout, int maxAttempts, long maxBytes, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstBackoff,
                ShouldHandle = new PredicateBuilder().Handle<TransientFetchException>().Handle<TimeoutRejectedException>(),
                OnRetry = retry =>
                {
                    Console.WriteLine($"{{\"level\":\"warn\",\"message\":\"retrying a page\",\"attempt\":{retry.AttemptNumber + 1},\"delayMs\":{(int)retry.RetryDelay.TotalMilliseconds},\"error\":{System.Text.Json.JsonSerializer.Serialize(retry.Outcome.Exception?.Message)}}}");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(timeout)
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await GetAsync(url, maxBytes, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new SourceFetchException($"GET {Redacted(url)}: no answer within {timeout.TotalSeconds:0.#} s, {attempts} attempt(s)", attempts, e);
        }
        catch (TransientFetchException e)
        {
            throw new SourceFetchException($"GET {Redacted(url)}: {e.Message}, {attempts} attempt(s)", attempts, e);
        }
        catch (SourceFetchException e)
        {
            throw new SourceFetchException(e.Message, attempts, e.InnerException);
        }
    }

    private async Task<string> GetAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new TransientFetchException($"the request failed ({e.Message})", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new TransientFetchException($"HTTP {status} {response.ReasonPhrase}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SourceFetchException($"GET {Redacted(url)}: HTTP {status} {response.ReasonPhrase} (not retried)", 1);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new SourceFetchException($"GET {Redacted(url)}: the answer is larger than the dataset's limit of {maxBytes} bytes", 1);
                }

                buffer.Write(chunk, 0, read);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    /// <summary>The URL without its query string's values, for messages that end up in alerts (a query may hold a token).</summary>
    public static string Redacted(Uri url) => url.GetLeftPart(UriPartial.Path) + (url.Query.Length > 1 ? "?" + string.Join('&', url.Query[1..].Split('&').Select(p => p.Split('=')[0] + "=…")) : "");
}
