using Lake.Contracts;

namespace Lake.BadInput.Tests;

/// <summary>Broken dataset contracts: each fails the load of its directory, naming the file, the line and what is wrong.</summary>
[Trait("Category", "Unit")]
public sealed class ContractCorpusTests
{
    private static readonly string Orders = File.ReadAllText(Path.Combine(Lake.Testing.RepoPaths.Root, "contracts", "orders.yaml"));

    /// <summary>Id, what is broken, the text replaced in the orders contract, its replacement, what the error must say.</summary>
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "C01", "not YAML (a tab-indented mapping)", "dataset: orders", "dataset: orders\n\t bad: [", "broken.yaml:" },
        { "C02", "a column of an unknown type", "type: int,", "type: integer,", "integer" },
        { "C03", "an unknown rule", "IsComplete \"order_id\",", "IsCompleet \"order_id\",", "unknown rule 'IsCompleet'" },
        { "C04", "a rule naming a column the contract lacks", "IsComplete \"currency\",", "IsComplete \"currencies\",", "currencies" },
        { "C05", "a partition column that is not a column", "partitionBy: [order_date]", "partitionBy: [order_day]", "order_day" },
        { "C06", "a primary key that is not a column", "primaryKey: [order_id]", "primaryKey: [order_no]", "order_no" },
        { "C07", "a delimiter of two characters", "delimiter: \",\"", "delimiter: \",;\"", "delimiter" },
        { "C08", "no columns", "columns:", "columns: []\nold_columns:", "column" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ABrokenContractFailsItsDirectoryNamingTheFileAndWhy(string id, string what, string find, string replace, string says)
    {
        Assert.Contains(find, Orders, StringComparison.Ordinal);
        var directory = Directory.CreateTempSubdirectory($"lake-contracts-{id}-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "broken.yaml"), Orders.Replace(find, replace, StringComparison.Ordinal));

            var error = Assert.ThrowsAny<Exception>(() => ContractCatalog.LoadDirectory(directory.FullName));

            Assert.True(error is ContractException, $"{id} ({what}): {error.GetType().Name}: {error.Message}");
            Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
            Assert.Contains(says, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
