using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.AppHost.Lifecycle;

/// <summary>The lake console's "Redrive dead letters" command in the dashboard ("Upload seed data" is the seed resource's).</summary>
internal static class LakeCommands
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static IResourceBuilder<ProjectResource> WithRedriveCommand(this IResourceBuilder<ProjectResource> console, LakeSettings lake)
    {
        var endpoint = console.GetEndpoint("http");
        return console.WithCommand("redrive-dead-letters", "Redrive dead letters", async context =>
        {
            var moved = new List<string>();
            foreach (var queue in (string[])["validate", "transform"])
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(endpoint.Url), $"/api/dlq/{queue}/redrive"));
                request.Headers.Add("x-api-key", lake.State.ConsoleKey);
                using var response = await Http.SendAsync(request, context.CancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"{queue}: the console answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(context.CancellationToken)}");
                }

                var result = await response.Content.ReadFromJsonAsync<JsonElement>(context.CancellationToken);
                moved.Add($"{queue}: {result.GetProperty("moved")} moved, {result.GetProperty("failed")} failed");
            }

            return CommandResults.Success(string.Join("; ", moved));
        }, new CommandOptions { Description = "Moves both dead-letter queues' messages back to their work queues", IconName = "ArrowRedo", UpdateState = HealthyOnly });
    }

    public static ResourceCommandState HealthyOnly(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
}
