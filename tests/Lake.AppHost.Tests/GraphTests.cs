using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Lake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.AppHost.Tests;

/// <summary>The graph as DCP runs it: resources, wiring, keys, commands, lake.json and the restart policy.</summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class GraphTests(AppHostLake lake)
{
    [Fact]
    public void TheValidateFunctionIsAChildOfTheLambdaEmulator()
    {
        var model = lake.App.Services.GetRequiredService<DistributedApplicationModel>();

        var function = Assert.IsAssignableFrom<IResourceWithParent>(model.Resources.Single(r => r.Name == "validate"));

        Assert.Equal("lambda-emulator", function.Parent.Name);
        Assert.True(lake.Notifications.TryGetCurrentState("validate", out var state));
        Assert.Equal("LambdaFunction", state.Snapshot.ResourceType);
    }

    [Fact]
    public async Task TheIngestApiAcceptsTheKeyTheAppHostKeepsAndRefusesOthers()
    {
        using var http = lake.Client("ingest-api");
        var unknown = $"/v1/uploads/{Guid.NewGuid():N}";
        using var refused = await http.GetAsync(unknown);
        using var request = new HttpRequestMessage(HttpMethod.Get, unknown);
        request.Headers.Add("x-api-key", lake.IngestApiKey);
        using var accepted = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, accepted.StatusCode);
    }

    [Fact]
    public async Task TheConsoleTakesItsOwnKeyAndKnowsTheQueryService()
    {
        using var http = lake.Client("lake-console");
        using var refused = await http.GetAsync("/api/query");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/query");
        request.Headers.Add("x-api-key", lake.ConsoleKey);
        using var accepted = await http.SendAsync(request);
        var body = await accepted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(accepted.IsSuccessStatusCode, body);
        Assert.Contains("Healthy", body, StringComparison.Ordinal);
        Assert.NotEqual(lake.IngestApiKey, lake.ConsoleKey);
    }

    [Fact]
    public async Task RedriveDeadLettersRunsThroughTheConsole()
    {
        var commands = lake.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("lake-console", "redrive-dead-letters");

        Assert.True(result.Success, result.Message);
        Assert.Contains("validate: 0 moved", result.Message, StringComparison.Ordinal);
        Assert.Contains("transform: 0 moved", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LakeJsonNamesWhereEverythingListens()
    {
        var file = Path.Combine(lake.StateDirectory, "lake.json");
        for (var i = 0; i < 100 && !File.Exists(file); i++)
        {
            await Task.Delay(100);
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var root = json.RootElement;

        Assert.Equal(lake.Url("ingest-api"), new Uri(root.GetProperty("ingestApi").GetString()!));
        Assert.Equal(lake.Url("query"), new Uri(root.GetProperty("query").GetString()!));
        Assert.Equal(lake.Url("lake-console"), new Uri(root.GetProperty("console").GetString()!));
        Assert.Equal(lake.Url("aws-emulator"), new Uri(root.GetProperty("awsEndpoint").GetString()!));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("dashboard").ValueKind); // the testing builder starts no dashboard
    }

    [Fact]
    public async Task TheShellsAwsSettingsDoNotReachTheServices()
    {
        var pid = ServicePid("Lake.IngestApi");
        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0');

        Assert.DoesNotContain(environment, v => v.StartsWith("AWS_PROFILE=", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, v => v.StartsWith("AWS_ENDPOINT_URL_S3=", StringComparison.Ordinal));
        Assert.Contains($"AWS_ENDPOINT_URL={lake.Url("aws-emulator").ToString().TrimEnd('/')}", environment.Select(v => v.TrimEnd('/')));
        Assert.Contains($"Lake__Buckets__Raw={lake.Options.Buckets.Raw}", environment);
        Assert.Contains("OTEL_EXPORTER_OTLP_TIMEOUT=1000", environment);
    }

    [Fact]
    public async Task AKilledServiceIsRestartedAtTheSameUrl()
    {
        var pid = ServicePid("Lake.TransformService");
        using var http = lake.Client("transform");

        using var back = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        var ended = await lake.Notifications.WaitForResourceAsync("transform", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), back.Token);
        Assert.NotEqual(0, ended.Snapshot.ExitCode);
        await lake.Notifications.WaitForResourceHealthyAsync("transform", WaitBehavior.WaitOnResourceUnavailable, back.Token);
        using var health = await http.GetAsync("/health", back.Token);

        Assert.True(health.IsSuccessStatusCode);
        Assert.NotEqual(pid, ServicePid("Lake.TransformService"));
    }

    /// <summary>The running process of this lake's service (its environment names this lake's raw bucket).</summary>
    private int ServicePid(string assembly)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName))
        {
            if (!int.TryParse(dir, out var pid) || !ProcessTree.IsAlive(pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
                if (commandLine.Contains($"{assembly}/bin/", StringComparison.Ordinal) && !commandLine.Contains("run\0--project", StringComparison.Ordinal)
                    && File.ReadAllText($"/proc/{pid}/environ").Contains($"Lake__Buckets__Raw={lake.Options.Buckets.Raw}\0", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException($"No process of {assembly} runs for this lake.");
    }
}
