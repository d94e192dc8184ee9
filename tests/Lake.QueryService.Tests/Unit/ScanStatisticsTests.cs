using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ScanStatisticsTests
{
    [Fact]
    public void TheFilesAScanReadAreTakenFromItsExtraInfo()
    {
        const string ExtraInfo = "{Function=READ_PARQUET, Projections=amt, File Filters='(order_date >= \\'2024-06-02\\'::DATE)', Scanning Files=2/3, " +
            "Total Files Read=2, 'Filename(s)'='/cache/lake/orders/order_date=2024-06-02/a.parquet, /cache/lake/orders/order_date=2024-06-03/b.parquet'}";

        Assert.Equal(
            ["/cache/lake/orders/order_date=2024-06-02/a.parquet", "/cache/lake/orders/order_date=2024-06-03/b.parquet"],
            ScanStatistics.FilesRead(ExtraInfo));
    }

    [Fact]
    public void AScanThatReadNoFileCountsNone()
    {
        Assert.Empty(ScanStatistics.FilesRead("{Function=READ_PARQUET, Total Files Read=0, 'Filename(s)'='/cache/a.parquet'}"));
        Assert.Empty(ScanStatistics.FilesRead("{Function=RANGE, __estimated_cardinality__=10}"));
    }

    [Fact]
    public void NoProfileMeansNothingScanned()
    {
        Assert.Equal(ScanStatistics.None, ScanStatistics.From(null));
    }
}
