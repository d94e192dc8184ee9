using DuckDB.NET.Data;
using Lake.DuckDb;
using Lake.QueryService.Cache;
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

        Assert.Equal(2, ScanStatistics.FilesRead(extraInfo));
        var (names, complete) = ScanStatistics.FilesNamed(extraInfo);
        Assert.Equal(["/cache/lake/orders/order_date=2024-06-02/a.parquet", "/cache/lake/orders/order_date=2024-06-03/b.parquet"], names);
        Assert.True(complete);
    }

    [Fact]
    public void AListDuckDbCutShortIsNotTakenForAllTheFiles()
    {
        var (names, complete) = ScanStatistics.FilesNamed(new Dictionary<string, string> { ["Filename(s)"] = "/a.parquet, /b.parquet, ..." });

        Assert.Equal(["/a.parquet", "/b.parquet"], names);
        Assert.False(complete);
    }

    [Fact]
    public void AScanThatReadNoFileCountsNone()
    {
        var profile = DuckDbProfile.Parse("""
            {"extra_info": {}, "children": [
              {"operator_type": "TABLE_SCAN", "extra_info": {"Function": "READ_PARQUET", "Total Files Read": "0", "Filename(s)": "/cache/a.parquet"}, "children": []},
              {"operator_type": "TABLE_SCAN", "extra_info": {"Function": "RANGE"}, "children": []}]}
            """);

        Assert.Equal(ScanStatistics.None, ScanStatistics.From(profile, NoViews));
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

            Assert.Equal(new ScanStatistics(2468, 2), ScanStatistics.From(profile, NoViews));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AScanOfTwoHundredFilesCountsEachFileAndItsSize()
    {
        using var table = new ManyFileTable(200);

        var (profile, scanned) = table.Scan("SELECT count(*), sum(i) FROM many");

        // DuckDB's profile names a few of the files, not all: what ScanStatistics once counted.
        var named = ScanStatistics.FilesNamed(profile.Descendants().Single(n => n.OperatorType == "TABLE_SCAN").ExtraInfo);
        Assert.False(named.Complete);
        Assert.InRange(named.Names.Count, 1, 199);
        Assert.Equal(new ScanStatistics(table.Files.Sum(f => f.Size), 200), scanned);
    }

    [Fact]
    public void APrunedScanOfAFewFilesCountsExactlyThoseFiles()
    {
        using var table = new ManyFileTable(200);

        var (_, scanned) = table.Scan("SELECT count(*), sum(i) FROM many WHERE p IN (7, 8, 150)");

        Assert.Equal(new ScanStatistics(table.Files.Where(f => f.Key is "7" or "8" or "150").Sum(f => f.Size), 3), scanned);
    }

    [Fact]
    public void APrunedScanOfManyFilesCountsThemAndSaysTheirBytesAreEstimated()
    {
        using var table = new ManyFileTable(200);

        var (_, scanned) = table.Scan("SELECT count(*), sum(i) FROM many WHERE p >= 50");

        Assert.Equal(150, scanned.FilesScanned);
        Assert.True(scanned.BytesEstimated);
        var exact = table.Files.Where(f => int.Parse(f.Key, System.Globalization.CultureInfo.InvariantCulture) >= 50).Sum(f => f.Size);
        Assert.InRange(scanned.BytesScanned, exact * 0.9, exact * 1.1);
    }

    [Fact]
    public void NoProfileMeansNothingScanned()
    {
        Assert.Equal(ScanStatistics.None, ScanStatistics.From(null, NoViews));
    }

    private static IReadOnlyList<CachedFile>? NoViews(string file) => null;

    /// <summary>A view over N one-partition Parquet files (p = 0..N-1, 50 rows each) and a connection that profiles each statement.</summary>
    private sealed class ManyFileTable : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("lake-scan-statistics-").FullName;
        private readonly DuckDBConnection _connection = new(DuckDBConnectionStringBuilder.InMemoryConnectionString);

        public ManyFileTable(int files)
        {
            _connection.Open();
            Execute($"COPY (SELECT i, i % {files} AS p FROM range({files * 50}) r(i)) TO {SqlText.Path(Path.Combine(_directory, "data"))} (FORMAT parquet, PARTITION_BY (p))");
            // The order the view lists them in, as the cache's list would be: by partition.
            Files = [.. Enumerable.Range(0, files).Select(p => Directory.GetFiles(Path.Combine(_directory, "data", $"p={p}")).Single())
                .Select(path => new CachedFile("curated", Path.GetFileName(Path.GetDirectoryName(path))![2..], "etag", new FileInfo(path).Length, path))];
            Execute($"CREATE VIEW many AS SELECT * FROM read_parquet({SqlText.PathList(Files.Select(f => f.LocalPath))}, hive_partitioning = true, hive_types = {{'p': BIGINT}})");
            DuckDbProfile.Enable(_connection, ProfileFile);
        }

        /// <summary>The files; each one's <see cref="CachedFile.Key"/> is its partition value.</summary>
        public IReadOnlyList<CachedFile> Files { get; }

        private string ProfileFile => Path.Combine(_directory, "profile.json");

        public (DuckDbProfile Profile, ScanStatistics Scanned) Scan(string sql)
        {
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
            }

            var profile = DuckDbProfile.Read(ProfileFile)!;
            return (profile, ScanStatistics.From(profile, file => Files[0].LocalPath == file ? Files : null));
        }

        private void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _connection.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
