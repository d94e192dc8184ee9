using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Dashboard.Tests;

/// <summary>Alerts the inbox took off its queue are the dashboard's to keep: a restart must not lose them.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AlertJournalTests(EmulatorFixture emulator) : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-dashboard-").FullName;

    [Fact]
    public async Task AnAlertReadBeforeARestartIsShownAfterIt()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var uploadId = UploadId.New().Value;
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{lake.Options.AlertsTopic}";

        await using (var first = await DashboardHost.StartAsync(emulator, _state, lake))
        {
            await emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "Upload rejected",
                "--message", $"{{\"type\":\"upload.rejected\",\"uploadId\":\"{uploadId}\",\"dataset\":\"orders\"}}");
            await WaitForAlertAsync(first, uploadId);
        }

        await using var second = await DashboardHost.StartAsync(emulator, _state, lake);

        var alert = await WaitForAlertAsync(second, uploadId);
        Assert.Equal(("upload.rejected", "Upload rejected"), (alert.GetProperty("type").GetString(), alert.GetProperty("subject").GetString()));
        var alerts = await second.Http.GetFromJsonAsync<JsonElement>("/api/alerts");
        Assert.Single(alerts.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("uploadId").GetString() == uploadId);
    }

    private static async Task<JsonElement> WaitForAlertAsync(DashboardHost host, string uploadId) =>
        (await DashboardHost.EventuallyAsync(async () =>
        {
            var alerts = await host.Http.GetFromJsonAsync<JsonElement>("/api/alerts");
            return alerts.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("uploadId").GetString() == uploadId).Select(a => (JsonElement?)a).FirstOrDefault();
        }, TimeSpan.FromSeconds(20), $"the alert of {uploadId} in the inbox"))!.Value;

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
