using System.Globalization;

namespace Lake.EndToEnd.Tests;

/// <summary>Seed files through the whole pipeline: each ends where it should, and SQL over the lake agrees with the CSVs.</summary>
[Collection(RunningLakeCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class PipelineTests(RunningLake lake)
{
    [Fact]
    public async Task EveryValidFileIsCatalogedWhicheverWayItCameIn()
    {
        var seed = await lake.SeedAsync();

        foreach (var file in SeedPaths.ValidFiles.Select(Path.GetFileName))
        {
            var upload = seed.Of(file!);
            Assert.True(upload.Stage == "Cataloged", $"{file} ({upload.Route}) is {upload.Stage}: {upload.Status}");
            Assert.Equal("300", upload.Detail("rowsValid"));
            Assert.Equal("0", upload.Detail("rowsQuarantined"));
        }

        Assert.Contains(seed.Uploads, u => u.Route == SeedRun.ByIngestApi && u.Stage == "Cataloged");
        Assert.Contains(seed.Uploads, u => u.Route == SeedRun.ByAwsCli && u.Stage == "Cataloged");
    }

    [Fact]
    public async Task BadRowsAreQuarantinedAndTheRestOfTheirFileIsCataloged()
    {
        var upload = (await lake.SeedAsync()).Of("bad-rows.csv");
        var manifest = SeedRun.Manifest.Files.Single(f => f.File == "bad-rows.csv");

        Assert.Equal("Cataloged", upload.Stage);
        Assert.Equal(manifest.ExpectedBadRows.ToString(CultureInfo.InvariantCulture), upload.Detail("rowsQuarantined"));
        Assert.Equal((manifest.DataRows - manifest.ExpectedBadRows).ToString(CultureInfo.InvariantCulture), upload.Detail("rowsValid"));
    }

    [Fact]
    public async Task EveryInvalidFileIsRejectedByTheCheckItsManifestNames()
    {
        var seed = await lake.SeedAsync();

        foreach (var expected in SeedRun.Manifest.Files.Where(f => f.Level == "file" && f.Committed))
        {
            var upload = seed.Of(expected.File);
            Assert.True(upload.Stage == "Rejected", $"{expected.File} is {upload.Stage}");
            Assert.Equal(expected.Check, upload.Detail("check"));
        }
    }

    [Fact]
    public async Task TotalsPerCurrencyAndMonthEqualThoseComputedFromTheCsvFiles()
    {
        await lake.SeedAsync();
        var oracle = OrdersOracle.FromSeed();
        var table = $"{lake.Options.GlueDatabase}.orders";
        // The seed's order ids only: the bench and chaos tests of this collection add orders of their own.
        const string seedOrders = "order_id LIKE 'ORD-%'";

        await lake.RefreshTableAsync("orders");
        var byCurrency = (await lake.QueryRowsAsync(
            $"SELECT currency, count(*) AS orders, sum(quantity) AS units, sum(total) AS revenue FROM {table} WHERE {seedOrders} GROUP BY currency ORDER BY currency")).EnumerateArray();
        var byMonth = (await lake.QueryRowsAsync(
            $"SELECT strftime(order_date, '%Y-%m') AS month, count(*) AS orders FROM {table} WHERE {seedOrders} GROUP BY month ORDER BY month")).EnumerateArray();

        Assert.Equal(
            oracle.ByCurrency().Select(c => $"{c.Key} {c.Value.Orders} {c.Value.Units} {c.Value.Revenue.ToString("0.00", CultureInfo.InvariantCulture)}"),
            byCurrency.Select(r => $"{r[0].GetString()} {r[1].GetInt64()} {r[2].ToString()} {decimal.Parse(r[3].GetString()!, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)}"));
        Assert.Equal(oracle.ByMonth().Select(m => $"{m.Key} {m.Value}"), byMonth.Select(r => $"{r[0].GetString()} {r[1].GetInt64()}"));
    }
}
