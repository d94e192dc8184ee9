using Lake.QueryService.Cache;
using Lake.QueryService.Catalog;

namespace Lake.QueryService.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class CatalogModelTests
{
    [Theory]
    [InlineData("string", "VARCHAR")]
    [InlineData("int", "INTEGER")]
    [InlineData("bigint", "BIGINT")]
    [InlineData("decimal(12,2)", "DECIMAL(12,2)")]
    [InlineData("DECIMAL( 38 , 0 )", "DECIMAL(38,0)")]
    [InlineData("double", "DOUBLE")]
    [InlineData("boolean", "BOOLEAN")]
    [InlineData("date", "DATE")]
    [InlineData("timestamp", "TIMESTAMP")]
    [InlineData("array<string>", "VARCHAR")]
    public void HiveTypesMapToDuckDbTypes(string hive, string duckDb)
    {
        Assert.Equal(duckDb, HiveTypes.ToDuckDb(hive));
    }

    [Theory]
    [InlineData("s3://curated/orders/", "curated", "orders/")]
    [InlineData("s3://curated/orders", "curated", "orders/")]
    [InlineData("s3://curated", "curated", "")]
    [InlineData("S3://curated/a/b=1/", "curated", "a/b=1/")]
    public void S3LocationsParseIntoBucketAndPrefix(string location, string bucket, string prefix)
    {
        Assert.Equal(new S3Location(bucket, prefix), S3Location.TryParse(location));
    }

    [Theory]
    [InlineData("/local/path")]
    [InlineData("s3:///no-bucket")]
    [InlineData(null)]
    public void AnythingElseIsNoS3Location(string? location)
    {
        Assert.Null(S3Location.TryParse(location));
    }

    [Theory]
    [InlineData("2024-06-01", "order_date=2024-06-01")]
    [InlineData("2024-06-01 10:00:00", "order_date=2024-06-01 10:00:00")]
    [InlineData("../../etc", null)]
    [InlineData("a/b", null)]
    [InlineData("x=y", null)]
    [InlineData("", null)]
    public void APartitionValueBecomesADirectoryOnlyWhenItIsSafe(string value, string? path)
    {
        var location = new S3Location("curated", "orders/");
        var table = new CatalogTable("lake", "orders", [new CatalogColumn("order_id", "string")], [new CatalogColumn("order_date", "date")], location, []);

        Assert.Equal(path, CuratedObjects.PartitionPath(table, new CatalogPartition([value], location)));
    }
}
