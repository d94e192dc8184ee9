using Lake.Transform.Conversion;
using Lake.TransformService.Uploads;

namespace Lake.TransformService.Tests;

[Trait("Category", "Unit")]
public sealed class NamingTests
{
    [Theory]
    [InlineData("orders/0123456789abcdef0123456789abcdef.csv", true)]
    [InlineData("orders/0123456789ABCDEF0123456789ABCDEF.csv", false)]
    [InlineData("orders/ingest_date=2024-01-01/0123456789abcdef0123456789abcdef.csv", false)]
    [InlineData("0123456789abcdef0123456789abcdef.csv", false)]
    [InlineData("orders/report.csv", false)]
    public void ACleanKeyNamesAnUploadOnlyAsDatasetSlashUploadIdDotCsv(string key, bool names) =>
        Assert.Equal(names, CleanObject.TryParseKey(key, out _, out _));

    [Fact]
    public void AFewPartitionsAreListedAndManyAreCounted()
    {
        static CuratedPartition Day(int day) => new([$"2024-01-{day:00}"], $"order_date=2024-01-{day:00}", []);

        Assert.Equal("order_date=2024-01-01,order_date=2024-01-02", UploadReports.Partitions([Day(1), Day(2)]));
        Assert.Equal(
            "7 partitions: order_date=2024-01-01,order_date=2024-01-02,order_date=2024-01-03,order_date=2024-01-04,order_date=2024-01-05,...",
            UploadReports.Partitions([.. Enumerable.Range(1, 7).Select(Day)]));
    }
}
