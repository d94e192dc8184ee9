using System.Net.Http.Json;
using System.Text.Json;
using Lake.AppHost.Aws;
using Lake.AppHost.Lambda;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.AppHost.Scheduling;

/// <summary>
/// Scheduled ingestion from an HTTP API (issue 13): <c>shop-api</c> (the fake third-party API), the <c>ingest-http</c>
/// function in the Lambda emulator with the orders source pointed at shop-api, and the <c>scheduler</c> (EventBridge
/// Scheduler's stand-in) with each schedule's next run as a resource property and a "Run now" command.
/// <c>Lake:Scheduler:Paused=true</c> keeps the schedules from firing on their own (the tests' lakes).
/// </summary>
internal static class ScheduledIngestionExtensions
{
    public const string ShopApi = "shop-api";
    public const string IngestHttp = "ingest-http";
    public const string Scheduler = "scheduler";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public static IResourceBuilder<ProjectResource> AddScheduledIngestion(
        this IDistributedApplicationBuilder builder, LakeSettings lake, AwsTarget aws, IResourceBuilder<ProjectResource> lambda)
    {
        var shop = builder.AddProject<Projects.Lake_ShopApi>(ShopApi)
            .WithHttpEndpoint().WithHttpHealthCheck("/health");
        var shopUrl = shop.GetEndpoint("http");

        lambda.AddLambdaFunction<Projects.Lake_Functions_IngestHttp>(IngestHttp)
            .WithLakeNames(lake).WithOwnAwsKey(aws)
            .WithEnvironment("Lake__Sources__orders__Url", ReferenceExpression.Create($"{shopUrl}/v1/orders?since={{window.start}}&until={{window.end}}&page_size=100"))
            .WithTimeout(300);
        lambda.WaitFor(shop);

        var key = "lake-" + Guid.NewGuid().ToString("N");
        var scheduler = builder.AddProject<Projects.Lake_Scheduler>(Scheduler)
            .WithHttpEndpoint().WithHttpHealthCheck("/health")
            .WithAws(aws).WithLakeNames(lake)
            .WithEnvironment("Scheduler__LambdaEndpoint", lambda.GetEndpoint("http"))
            .WithEnvironment("Scheduler__ApiKeys__0", key)
            .WithEnvironment("Scheduler__Paused", builder.Configuration["Lake:Scheduler:Paused"] ?? "false")
            .WaitFor(lambda);
        var endpoint = scheduler.GetEndpoint("http");
        scheduler.WithCommand("run-now", "Run now", async context =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(endpoint.Url), "/v1/schedules/orders/runs"));
            request.Headers.Add("x-api-key", key);
            using var response = await Http.SendAsync(request, context.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
            return response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString() is "ingested" or "already-ingested" or "empty"
                ? CommandResults.Success(body)
                : CommandResults.Failure(body);
        }, new CommandOptions { Description = "Runs the orders schedule now (ingest-http pulls the last window from shop-api)", IconName = "Play", UpdateState = HealthyOnly });
        scheduler.OnResourceReady((resource, e, cancellationToken) =>
        {
            _ = PublishNextRunsAsync(resource, new Uri(endpoint.Url), e.Services.GetRequiredService<ResourceNotificationService>(), cancellationToken);
            return Task.CompletedTask;
        });
        return scheduler;
    }

    /// <summary>Shows each schedule's next and last run as the scheduler's properties (<c>schedule.{dataset}.next</c>, ...).</summary>
    private static async Task PublishNextRunsAsync(ProjectResource scheduler, Uri baseAddress, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            do
            {
                try
                {
                    var schedules = await Http.GetFromJsonAsync<JsonElement>(new Uri(baseAddress, "/v1/schedules"), cancellationToken);
                    var properties = schedules.EnumerateArray().SelectMany(s => new[]
                    {
                        new ResourcePropertySnapshot($"schedule.{s.GetProperty("dataset").GetString()}", s.GetProperty("expression").GetString()),
                        new ResourcePropertySnapshot($"schedule.{s.GetProperty("dataset").GetString()}.next", Text(s.GetProperty("nextRun"))),
                        new ResourcePropertySnapshot($"schedule.{s.GetProperty("dataset").GetString()}.last", $"{Text(s.GetProperty("lastRun"))} {Text(s.GetProperty("lastOutcome"))}".Trim()),
                    }).ToList();
                    await notifications.PublishUpdateAsync(scheduler, snapshot => snapshot with
                    {
                        Properties = [.. snapshot.Properties.Where(p => !p.Name.StartsWith("schedule.", StringComparison.Ordinal)), .. properties],
                    });
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException)
                {
                    // The scheduler is restarting or stopping: the next tick tries again.
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    private static ResourceCommandState HealthyOnly(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
}
