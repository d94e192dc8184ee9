using System.Collections.Concurrent;
using System.Text.Json;
using Lake.Uploads;

namespace Lake.BadInput.Tests;

/// <summary>
/// Each bad file uploaded through the ingest API as a client would, all at once: each reaches the outcome the corpus
/// names, keeps its raw object, and a rejected one has its reason in the rejected zone.
/// </summary>
[Collection(BadInputCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FileCorpusTests(BadInputLake lake)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(UploadId Id, UploadStatus Status)>>> Runs = new();

    public static TheoryData<string> Ids => [.. FileCorpus.Cases.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task ABadFileReachesItsExpectedOutcomeAndNothingIsLost(string caseId)
    {
        var @case = FileCorpus.Cases.Single(c => c.Id == caseId);
        StartAll();
        var (id, status) = await Runs[caseId].Value;

        var said = $"{@case}: {status.Stage} {JsonSerializer.Serialize(status.Details)}";
        Assert.True(await RawKeptAsync(id), $"{said}: the raw object is gone");
        switch (@case.Expected)
        {
            case FileOutcome.Rejected rejected:
                Assert.True(status.Stage == UploadStage.Rejected && status.Details.GetValueOrDefault("check") == rejected.Check, said);
                Assert.False(string.IsNullOrWhiteSpace(status.Details.GetValueOrDefault("reason")), said);
                Assert.Contains($"orders/{id}.reason.json", await lake.KeysAsync(lake.Lake.Options.Buckets.Rejected, "orders/"));
                break;
            case FileOutcome.Cataloged cataloged:
                Assert.True(status.Stage == UploadStage.Cataloged, said);
                var transformed = status.History.Last(h => h.Stage == UploadStage.Transformed).Details;
                Assert.Equal($"{cataloged.Valid}", transformed["rowsValid"]);
                Assert.Equal($"{cataloged.Quarantined}", transformed["rowsQuarantined"]);
                if (cataloged.QuarantineRule is { } rule)
                {
                    var alert = await lake.Alerts.WaitForAsync(a => a.TryGetProperty("uploadId", out var u) && u.GetString() == id.Value, TimeSpan.FromSeconds(30));
                    Assert.Contains(alert.GetProperty("rules").EnumerateObject(), r => r.Name.StartsWith(rule, StringComparison.Ordinal));
                }

                break;
            case FileOutcome.Failed failed:
                Assert.True(status.Stage == UploadStage.Failed, said);
                Assert.Contains(failed.ReasonContains, status.Details.GetValueOrDefault("reason") ?? "", StringComparison.Ordinal);
                break;
        }

        lake.AssertAllRunning();
    }

    /// <summary>Uploads every case at once (the first row to run starts them), so the corpus costs one pipeline's time.</summary>
    private void StartAll()
    {
        foreach (var @case in FileCorpus.Cases)
        {
            Runs.GetOrAdd(@case.Id, _ => new(() => RunAsync(@case)));
        }

        foreach (var run in Runs.Values)
        {
            _ = run.Value;
        }
    }

    private async Task<(UploadId, UploadStatus)> RunAsync(FileCase @case)
    {
        using var client = lake.Client;
        var id = UploadId.Parse(await client.UploadAsync("orders", $"{@case.Id}.csv", @case.Content($"BAD{@case.Id}")));
        return (id, await lake.FinalAsync(id));
    }

    private async Task<bool> RawKeptAsync(UploadId id) =>
        (await lake.KeysAsync(lake.Lake.Options.Buckets.Raw, "orders/")).Any(k => k.EndsWith($"/{id}.csv", StringComparison.Ordinal));
}
