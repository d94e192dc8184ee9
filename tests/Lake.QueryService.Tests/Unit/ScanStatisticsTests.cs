using Lake.DuckDb;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ScanStatisticsTests
{
    [Fact]
    public void TheFilesAScanReadAreTakenFromItsExtraInfo()
    {
        var extraInfo = new Dictionary<string, string>
        {
            ["Function"] = "READ_PARQUET",
            ["File Filters"] = "(order_date >= '2024-06-02'::DATE)",
            ["Scanning Files"] = "2/3",
            ["Total Files Read"] = "2",
            ["Filename(s)"] = "/cache/lake/orders/order_date=2024-06-02/a.parquet, /cache/lake/orders/order_date=2024-06-03/b.parquet",
        };

        Assert.Equal(
            ["/cache/lake/orders/order_date=2024-06-02/a.parquet", "/cache/lake/orders/order_date=2024-06-03/b.parquet"],
            ScanStatistics.FilesRead(extraInfo));
    }

    [Fact]
    public void AScanThatReadNoFileCountsNone()
    {
        Assert.Empty(ScanStatistics.FilesRead(new Dictionary<string, string> { ["Function"] = "READ_PARQUET", ["Total Files Read"] = "0", ["Filename(s)"] = "/cache/a.parquet" }));
        Assert.Empty(ScanStatistics.FilesRead(new Dictionary<string, string> { ["Function"] = "RANGE" }));
    }

    [Fact]
    public void EveryScanOfTheProfileCountsItsFilesAndTheirSizes()
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, new byte[1234]);
        try
        {
            var profile = DuckDbProfile.Parse($$"""
                {"query_name": "SELECT ...", "extra_info": {}, "children": [
                  {"operator_type": "HASH_JOIN", "extra_info": {"Join Type": "INNER"}, "children": [
                    {"operator_type": "TABLE_SCAN", "extra_info": {"Function": "READ_PARQUET", "Total Files Read": "1", "Filename(s)": "{{file}}"}, "children": []},
                    {"operator_type": "TABLE_SCAN", "extra_info": {"Function": "READ_PARQUET", "Total Files Read": "1", "Filename(s)": "{{file}}"}, "children": []}]}]}
                """);

            Assert.Equal(new ScanStatistics(2468, 2), ScanStatistics.From(profile));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void NoProfileMeansNothingScanned()
    {
        Assert.Equal(ScanStatistics.None, ScanStatistics.From(null));
    }
}
