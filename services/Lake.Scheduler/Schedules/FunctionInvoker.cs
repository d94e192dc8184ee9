using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Lake.Scheduler.Schedules;

/// <summary>
/// Invokes the schedule's function as EventBridge Scheduler does, synchronously here so the run's outcome is known:
/// <c>POST /2015-03-31/functions/{name}/invocations</c> with <c>{"dataset":...,"scheduledTime":...}</c>.
/// </summary>
public sealed class FunctionInvoker(HttpClient http, IOptions<SchedulerOptions> options, ScheduleBook book, ILogger<FunctionInvoker> logger)
{
    public async Task<(string Outcome, string Detail)> RunAsync(string dataset, DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var payload = new JsonObject
        {
            ["dataset"] = dataset,
            ["scheduledTime"] = scheduled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var url = new Uri(settings.LambdaEndpoint!, $"/2015-03-31/functions/{Uri.EscapeDataString(settings.FunctionName)}/invocations");
        (string, string) result;
        try
        {
            using var response = await http.PostAsync(url, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            result = !response.IsSuccessStatusCode || response.Headers.Contains("X-Amz-Function-Error")
                ? ("error", $"the function failed: {body}")
                : JsonNode.Parse(body) is JsonObject run
                    ? ((string?)run["outcome"] ?? "unknown", body)
                    : ("unknown", body);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            result = ("error", $"could not invoke {settings.FunctionName}: {e.Message}");
        }

        book.Ran(dataset, scheduled, result.Item1, result.Item2);
        logger.LogInformation("Ran the schedule of {Dataset} for {ScheduledTime:O}: {Outcome} {Detail}", dataset, scheduled, result.Item1, result.Item2);
        return result;
    }
}
