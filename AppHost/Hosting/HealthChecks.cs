using System.Text;

namespace Lake.AppHost.Hosting;

/// <summary>Healthy while a GET answers 2xx, or with <paramref name="anyAnswer"/> anything below 500 (an endpoint without a health route).</summary>
internal sealed class HttpHealthCheck(Uri url, bool anyAnswer = false) : IResourceHealthCheck
{
    public Uri Url { get; } = url;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthHttp.Client.GetAsync(Url, cancellationToken);
            return anyAnswer ? (int)response.StatusCode < 500 : response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>
/// A function is healthy when it handles an invocation: an empty SQS batch through the Lambda emulator's Invoke API
/// reaches the function's process (past its init phase) and comes back without a function error.
/// </summary>
internal sealed class FunctionInvokeHealthCheck(Func<Uri> invokeApi, string function) : IResourceHealthCheck
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent("""{"Records":[]}""", Encoding.UTF8, "application/json");
            using var response = await HealthHttp.Client.PostAsync(new Uri(invokeApi(), $"/2015-03-31/functions/{function}/invocations"), content, cancellationToken);
            return response.IsSuccessStatusCode && !response.Headers.Contains("X-Amz-Function-Error");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

internal static class HealthHttp
{
    /// <summary>One client for every probe; a probe that hangs counts as unhealthy.</summary>
    public static HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };
}
