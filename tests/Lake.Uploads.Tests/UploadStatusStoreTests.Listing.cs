namespace Lake.Uploads.Tests;

/// <summary>Listing recent uploads: a bounded Scan of the same table.</summary>
public sealed partial class UploadStatusStoreTests
{
    [Fact]
    public async Task RecentUploadsListNewestFirstWithTheirCurrentStage()
    {
        var first = UploadId.New();
        var second = UploadId.New();
        await _store.RecordStageAsync(first, "orders", "a.csv", UploadStage.Requested);
        await _store.RecordStageAsync(second, "orders", "b.csv", UploadStage.Requested);
        await Task.Delay(20);
        await _store.RecordStageAsync(first, "orders", "a.csv", UploadStage.Rejected);

        var recent = await _store.ListRecentAsync();

        Assert.Equal([first, second], recent.Select(u => u.UploadId));
        Assert.Equal((UploadStage.Rejected, "a.csv", "orders"), (recent[0].Stage, recent[0].FileName, recent[0].Dataset));
        Assert.Equal(UploadStage.Requested, recent[1].Stage);
    }

    [Fact]
    public async Task TheListingStopsAtItsLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.RecordStageAsync(UploadId.New(), "orders", $"{i}.csv", UploadStage.Requested);
        }

        var recent = await _store.ListRecentAsync(limit: 3);

        Assert.Equal(3, recent.Count);
        Assert.Equal(["4.csv", "3.csv", "2.csv"], recent.Select(u => u.FileName));
    }

    [Fact]
    public async Task TheScanReadsNoMoreItemsThanItsBound()
    {
        // Each upload is two items (STATUS and STAGE#Requested): a bound of 4 items sees at most 2 uploads.
        for (var i = 0; i < 6; i++)
        {
            await _store.RecordStageAsync(UploadId.New(), "orders", $"{i}.csv", UploadStage.Requested);
        }

        var bounded = await _store.ListRecentAsync(limit: 100, maxItemsScanned: 4);
        var all = await _store.ListRecentAsync(limit: 100);

        Assert.InRange(bounded.Count, 1, 2);
        Assert.Equal(6, all.Count);
    }
}
