using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>A contract that changes after its table exists: refused when the table cannot take it, applied when it can.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ContractChangeTests(EmulatorFixture emulator) : TransformServiceTest(emulator, Settings)
{
    // A stopped service's last long poll stays open on the queue's side and may take the next message with it (SQS
    // does the same): a short visibility timeout brings that message back to the restarted service soon.
    private static readonly Dictionary<string, string> Settings = new() { ["Lake__Queues__Transform__VisibilityTimeoutSeconds"] = "5" };

    [Fact]
    public async Task AnIncompatibleContractChangeIsRefusedAndACompatibleOneUpdatesTheTable()
    {
        await Lake.WaitForStageAsync(await Lake.PutCleanAsync(RepoPaths.OrdersSeed("valid", "orders-2024-01.csv")), UploadStage.Cataloged);
        var original = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));
        var inbox = await AlertInbox.SubscribeAsync(Lake.TestLake);

        // Version 2 stores quantity as bigint: the int Parquet already curated cannot be read as that.
        await RestartWithContractAsync("retyped", original.Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("{ name: quantity,      type: int,", "{ name: quantity,      type: bigint,", StringComparison.Ordinal));
        var refused = await Lake.PutCleanAsync(RepoPaths.OrdersSeed("valid", "orders-2024-02.csv"));
        var failed = await Lake.WaitForStageAsync(refused, UploadStage.Failed);

        Assert.Equal("contract orders version 2 is incompatible with the catalog's table: column 'quantity' changed type from int to bigint", failed.Details["reason"]);
        var alert = await inbox.WaitForAsync("upload.transform-failed", TimeSpan.FromSeconds(30));
        Assert.Equal((refused.Value, failed.Details["reason"]), (alert.GetProperty("uploadId").GetString(), alert.GetProperty("reason").GetString()));
        var dead = Assert.Single(await Lake.WaitForDeadLettersAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Contains(refused.Value, dead.Body);
        var table = await Lake.CatalogTableAsync();
        Assert.Equal("1", table.GetProperty("Parameters").GetProperty("lake.contract.version").GetString());
        Assert.Empty(await Lake.ListAsync(Lake.TestLake.Options.Buckets.Curated, $"_lake/keys/orders/{refused}"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Lake.WorkDirectories));

        // Version 2 appends a nullable column: the table takes it.
        await RestartWithContractAsync("appended", original.Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("\ncsv:", "  - { name: coupon,        type: string,         nullable: true }\n\ncsv:", StringComparison.Ordinal));
        var lines = await File.ReadAllLinesAsync(RepoPaths.OrdersSeed("valid", "orders-2024-03.csv"));
        var withCoupon = Seed.Write(Lake.Files, "march.csv", lines.Select((line, i) => $"{line},{(i == 0 ? "coupon" : i == 1 ? "SPRING" : "")}"));
        await Lake.WaitForStageAsync(await Lake.PutCleanAsync(withCoupon), UploadStage.Cataloged);

        table = await Lake.CatalogTableAsync();
        Assert.Equal("2", table.GetProperty("Parameters").GetProperty("lake.contract.version").GetString());
        var columns = table.GetProperty("StorageDescriptor").GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("Name").GetString()).ToList();
        Assert.Equal(["order_id", "customer_id", "customer_name", "product_name", "quantity", "unit_price", "currency", "total", "coupon"], columns);
    }


    private async Task RestartWithContractAsync(string name, string yaml)
    {
        var directory = Path.Combine(Lake.Files, name);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "orders.yaml"), yaml);
        Assert.Equal(0, await Lake.StopServiceAsync());
        await Lake.Service.DisposeAsync();
        await Lake.StartServiceAsync(new Dictionary<string, string> { ["Lake__ContractsDirectory"] = directory });
    }
}
