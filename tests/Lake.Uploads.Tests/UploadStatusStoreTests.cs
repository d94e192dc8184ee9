using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Lake.Testing;

namespace Lake.Uploads.Tests;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed partial class UploadStatusStoreTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private readonly string _table = TestNames.Unique("uploads");
    private AmazonDynamoDBClient _dynamo = null!;
    private UploadStatusStore _store = null!;

    public async Task InitializeAsync()
    {
        // Created by the AWS CLI with the provisioner's schema, so the store is checked against the table, not itself.
        await emulator.Cli.RunAsync("dynamodb", "create-table", "--table-name", _table, "--billing-mode", "PAY_PER_REQUEST",
            "--attribute-definitions", "AttributeName=UploadId,AttributeType=S", "AttributeName=Sk,AttributeType=S",
            "--key-schema", "AttributeName=UploadId,KeyType=HASH", "AttributeName=Sk,KeyType=RANGE");
        _dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey),
            new AmazonDynamoDBConfig { ServiceURL = emulator.Endpoint.ToString(), AuthenticationRegion = EmulatorFixture.Region });
        _store = new UploadStatusStore(_dynamo, _table);
    }

    public Task DisposeAsync()
    {
        _dynamo.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StagesAccumulateIntoAHistoryAndTheLatestIsCurrent()
    {
        var id = UploadId.New();

        await _store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Requested, new Dictionary<string, string> { ["bytes"] = "1200" });
        await _store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Validated);
        await _store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Transformed, new Dictionary<string, string> { ["rowsValid"] = "98", ["rowsQuarantined"] = "2" });

        var status = await _store.GetAsync(id);
        Assert.NotNull(status);
        Assert.Equal(UploadStage.Transformed, status.Stage);
        Assert.Equal(("orders", "june.csv"), (status.Dataset, status.FileName));
        Assert.Equal([UploadStage.Requested, UploadStage.Validated, UploadStage.Transformed], status.History.Select(h => h.Stage));
        Assert.Equal("1200", status.Details["bytes"]);
        Assert.Equal("98", status.Details["rowsValid"]);
        Assert.True(status.UpdatedAt >= status.CreatedAt);
    }

    [Fact]
    public async Task AHistoryOnlyStageJoinsTheHistoryAndItsDetailsButIsNotCurrent()
    {
        var id = UploadId.New();
        await _store.RecordStageAsync(id, "orders", "a.csv", UploadStage.Cataloged, new Dictionary<string, string> { ["table"] = "lake.orders" });

        await _store.RecordHistoryAsync(id, UploadStage.Served, new Dictionary<string, string> { ["servingItems"] = "300" });

        var status = await _store.GetAsync(id);
        Assert.Equal(UploadStage.Cataloged, status!.Stage);
        Assert.Equal([UploadStage.Cataloged, UploadStage.Served], status.History.Select(h => h.Stage));
        Assert.Equal(("lake.orders", "300"), (status.Details["table"], status.Details["servingItems"]));
    }

    [Fact]
    public async Task RecordingAStageAgainLeavesOneEntryForIt()
    {
        var id = UploadId.New();

        await _store.RecordStageAsync(id, "orders", "a.csv", UploadStage.Validated);
        await _store.RecordStageAsync(id, "orders", "a.csv", UploadStage.Validated);

        var status = await _store.GetAsync(id);
        Assert.Single(status!.History);
    }

    [Fact]
    public async Task ALateDuplicateOfAnEarlierStageDoesNotMoveTheStatusBack()
    {
        var id = UploadId.New();
        await _store.RecordStageAsync(id, "orders", "a.csv", UploadStage.Cataloged);

        await _store.RecordStageAsync(id, "orders", "a.csv", UploadStage.Validated);

        Assert.Equal(UploadStage.Cataloged, (await _store.GetAsync(id))!.Stage);
    }

    [Fact]
    public async Task AnUploadNeverRecordedHasNoStatus()
    {
        Assert.Null(await _store.GetAsync(UploadId.New()));
    }

    [Fact]
    public async Task TheAwsCliSeesTheCurrentStage()
    {
        var id = UploadId.New();
        await _store.RecordStageAsync(id, "orders", "cli.csv", UploadStage.Rejected, new Dictionary<string, string> { ["reason"] = "header mismatch" });

        var item = (await emulator.Cli.RunAsync("dynamodb", "get-item", "--table-name", _table,
            "--key", $$$"""{"UploadId":{"S":"{{{id}}}"},"Sk":{"S":"STATUS"}}"""))!.Value.GetProperty("Item");

        Assert.Equal("Rejected", item.GetProperty("Stage").GetProperty("S").GetString());
        Assert.Equal("orders", item.GetProperty("Dataset").GetProperty("S").GetString());
        Assert.True(UploadStage.Rejected.IsFinal());
    }
}
