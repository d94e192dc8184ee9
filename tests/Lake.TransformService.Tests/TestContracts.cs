using System.Text.RegularExpressions;
using Lake.Testing;

namespace Lake.TransformService.Tests;

/// <summary>Contract directories for tests that need the repository's contracts changed.</summary>
public static partial class TestContracts
{
    /// <summary>
    /// The repository's orders contract without its serving table, for tests of large files that are not about it:
    /// their rows would be hundreds of thousands of items, minutes of BatchWriteItem calls on moto
    /// (ServingTableTests covers the serving table).
    /// </summary>
    public static string WithoutServing()
    {
        var directory = Directory.CreateTempSubdirectory("lake-contracts-without-serving-").FullName;
        var orders = File.ReadAllText(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));
        File.WriteAllText(Path.Combine(directory, "orders.yaml"), ServingSection().Replace(orders, "\n"));
        return directory;
    }

    [GeneratedRegex(@"\nserving:\n(  .*\n)+")]
    private static partial Regex ServingSection();
}
