using Lake.Cli.Uploads;

namespace Lake.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class FileSelectionTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("lake-cli-files-");

    public FileSelectionTests()
    {
        foreach (var path in new[] { "a/orders-1.csv", "a/orders-2.csv", "a/notes.txt", "a/deep/orders-3.csv" })
        {
            var full = Path.Combine(_root.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, "x");
        }
    }

    [Fact]
    public void AGlobExpandsToItsMatchesInOrderAndAPlainPathStaysAsGiven()
    {
        var files = FileSelection.Resolve(["a/*.csv", "a/notes.txt"], _root.FullName);

        Assert.Equal([Full("a/orders-1.csv"), Full("a/orders-2.csv"), Full("a/notes.txt")], files);
    }

    [Fact]
    public void DoubleStarReachesSubdirectoriesAndAFileNamedTwiceIsUploadedOnce()
    {
        var files = FileSelection.Resolve([Path.Combine(_root.FullName, "a", "**", "*.csv"), "a/orders-1.csv"], _root.FullName);

        Assert.Equal([Full("a/deep/orders-3.csv"), Full("a/orders-1.csv"), Full("a/orders-2.csv")], files);
    }

    [Fact]
    public void EveryArgumentNamingNoFileIsReportedAtOnce()
    {
        var error = Assert.Throws<FileSelectionException>(() => FileSelection.Resolve(["missing.csv", "a/*.parquet", "a", "nowhere/*.csv", "a/x**.csv"], _root.FullName));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains("no such file: 'missing.csv'", error.Problems);
        Assert.Contains("no file matches 'a/*.parquet'", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("'a' is a directory", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("no directory", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'**' must be a whole path segment", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/data/orders/2024.csv", "orders")]
    [InlineData("/data/x/orders-2024-01.csv", "orders")]
    [InlineData("/data/x/customers_2024.csv", "customers")]
    [InlineData("/data/x/bad.csv", null)]
    public void TheDatasetIsTheOneAFilesNameOrDirectoryNames(string file, string? expected) =>
        Assert.Equal(expected, DatasetChoice.Infer(file, ["customers", "orders"]));

    [Fact]
    public void TheOnlyDatasetServesAnyFile() => Assert.Equal("orders", DatasetChoice.Infer("/tmp/whatever.csv", ["orders"]));

    private string Full(string relative) => Path.Combine(_root.FullName, relative);

    public void Dispose() => _root.Delete(recursive: true);
}
