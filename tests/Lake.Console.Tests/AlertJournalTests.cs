using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Console.Tests;

/// <summary>Alerts the inbox took off its queue are the console's to keep: a restart must not lose them.</summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AlertJournalTests(ConsoleLake shared) : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-console-").FullName;

    [Fact]
    public async Task AnAlertReadBeforeARestartIsShownAfterIt()
    {
        // A lake of its own: the shared console reads the shared lake's inbox.
        using var lake = new TestLake(shared.Emulator);
        await lake.Provisioner.ProvisionAsync();
        var uploadId = UploadId.New().Value;
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{lake.Options.AlertsTopic}";
        var settings = new Dictionary<string, string> { ["Console__StateDirectory"] = _state };

        await using (var first = await ConsoleProcess.StartAsync(shared.Emulator, lake, settings))
        {
            await shared.Emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "Upload rejected",
                "--message", $"{{\"type\":\"upload.rejected\",\"uploadId\":\"{uploadId}\",\"dataset\":\"orders\"}}");
            await WaitForAlertAsync(first, uploadId);
        }

        await using var second = await ConsoleProcess.StartAsync(shared.Emulator, lake, settings);

        var alert = await WaitForAlertAsync(second, uploadId);
        Assert.Equal(("upload.rejected", "Upload rejected"), (alert.GetProperty("type").GetString(), alert.GetProperty("subject").GetString()));
        using var http = second.WithKey();
        var alerts = await http.GetFromJsonAsync<JsonElement>("/api/alerts");
        Assert.Single(alerts.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("uploadId").GetString() == uploadId);
        Assert.True(File.Exists(Path.Combine(_state, "console-alerts.jsonl")));
    }

    private static async Task<JsonElement> WaitForAlertAsync(ConsoleProcess console, string uploadId)
    {
        using var http = console.WithKey();
        return (await Eventually.GetAsync(async () =>
        {
            var alerts = await http.GetFromJsonAsync<JsonElement>("/api/alerts");
            return alerts.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("uploadId").GetString() == uploadId).Select(a => (JsonElement?)a).FirstOrDefault();
        }, TimeSpan.FromSeconds(20), $"the alert of {uploadId} in the inbox"))!.Value;
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
