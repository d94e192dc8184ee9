using Lake.Aws.Glue;
using Lake.Contracts;
using Lake.Testing;
using Lake.TransformService.Catalog;

namespace Lake.TransformService.Tests;

/// <summary>Which contract changes the catalog's table takes, and how a refusal names the column and the change.</summary>
[Trait("Category", "Unit")]
public sealed class ContractCompatibilityTests
{
    // The serving and source sections are no part of the catalog's table; without them, a column can be renamed in one place.
    private static readonly string Orders = System.Text.RegularExpressions.Regex.Replace(
        File.ReadAllText(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml")), @"\n(serving|source):\n(  .*\n)+", "\n");

    [Fact]
    public void TheSameContractNeedsNoUpdate() =>
        Assert.False(ContractCompatibility.RequiresUpdate(TableOf(Orders), Desired(Orders), Load(Orders)));

    [Fact]
    public void ANullableColumnAppendedUpdatesTheTable()
    {
        var appended = Version2(Orders.Replace("\ncsv:", "  - { name: coupon, type: string, nullable: true }\n\ncsv:", StringComparison.Ordinal));

        Assert.True(ContractCompatibility.RequiresUpdate(TableOf(Orders), Desired(appended), Load(appended)));
    }

    [Theory]
    [InlineData("{ name: quantity,      type: int,", "{ name: quantity,      type: bigint,", "quantity", "column 'quantity' changed type from int to bigint")]
    [InlineData("  - { name: customer_name,", "  - { name: buyer_name,", "customer_name", "column 'customer_name' (string) was removed or renamed")]
    [InlineData("\ncsv:", "  - { name: coupon, type: string, nullable: false }\n\ncsv:", "coupon", "new column 'coupon' is not nullable; rows already curated have no value for it (declare it nullable: true)")]
    public void AChangeTheCuratedDataCannotTakeIsRefusedNamingTheColumn(string from, string to, string column, string change)
    {
        var changed = Version2(Orders.Replace(from, to, StringComparison.Ordinal));

        var refused = Assert.Throws<IncompatibleContractException>(() => ContractCompatibility.RequiresUpdate(TableOf(Orders), Desired(changed), Load(changed)));

        Assert.Equal((column, change), (refused.Column, refused.Change));
        Assert.Equal($"contract orders version 2 is incompatible with the catalog's table: {change}", refused.Message);
    }

    [Fact]
    public void AColumnMovedIsRefused()
    {
        var lines = Orders.Split('\n').ToList();
        var quantity = lines.FindIndex(l => l.Contains("name: quantity", StringComparison.Ordinal));
        (lines[quantity], lines[quantity + 1]) = (lines[quantity + 1], lines[quantity]);
        var moved = Version2(string.Join('\n', lines));

        var refused = Assert.Throws<IncompatibleContractException>(() => ContractCompatibility.RequiresUpdate(TableOf(Orders), Desired(moved), Load(moved)));

        Assert.Equal("column 'quantity' moved from position 5 to 6; new columns can only be appended", refused.Change);
    }

    [Fact]
    public void OtherPartitionKeysAreRefused()
    {
        var repartitioned = Version2(Orders.Replace("partitionBy: [order_date]", "partitionBy: [currency]", StringComparison.Ordinal));

        var refused = Assert.Throws<IncompatibleContractException>(() => ContractCompatibility.RequiresUpdate(TableOf(Orders), Desired(repartitioned), Load(repartitioned)));

        Assert.StartsWith("the partition keys are (order_date date) in the catalog and (currency string) in the contract", refused.Change);
    }

    [Fact]
    public void AnOlderContractThanTheTablesIsRefused()
    {
        var table = TableOf(Version2(Orders));

        var refused = Assert.Throws<IncompatibleContractException>(() => ContractCompatibility.RequiresUpdate(table, Desired(Orders), Load(Orders)));

        Assert.Equal("the table was written by contract version 2, newer than this one; deploy the newer contract", refused.Change);
    }

    private static string Version2(string yaml) => yaml.Replace("version: 1", "version: 2", StringComparison.Ordinal);

    private static DatasetContract Load(string yaml) => ContractLoader.Parse(yaml, "orders.yaml");

    private static TableInput Desired(string yaml) => CatalogTable.For(Load(yaml), "curated");

    /// <summary>The table as Glue would return it after creating it from <paramref name="yaml"/>.</summary>
    private static Table TableOf(string yaml)
    {
        var input = Desired(yaml);
        return new Table { Name = input.Name, Parameters = input.Parameters, PartitionKeys = input.PartitionKeys, StorageDescriptor = input.StorageDescriptor, TableType = input.TableType };
    }
}
