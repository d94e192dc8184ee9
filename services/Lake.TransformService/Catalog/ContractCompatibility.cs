using System.Globalization;
using Lake.Aws.Glue;
using Lake.Contracts;

namespace Lake.TransformService.Catalog;

/// <summary>
/// Whether a contract may replace the definition of the table an earlier contract made. Compatible: the same
/// partition keys, every existing column unchanged in name, type and position, new columns appended and nullable
/// (rows already curated have no value for them), and a contract version no older than the table's.
/// </summary>
public static class ContractCompatibility
{
    /// <summary>True when the table must be updated to <paramref name="desired"/>; false when it already matches.</summary>
    /// <exception cref="IncompatibleContractException">The change would break the table or the data under it.</exception>
    public static bool RequiresUpdate(Table existing, TableInput desired, DatasetContract contract)
    {
        CheckVersion(existing, contract);
        var keys = Describe(existing.PartitionKeys);
        if (keys != Describe(desired.PartitionKeys))
        {
            throw Incompatible(contract, null, $"the partition keys are ({keys}) in the catalog and ({Describe(desired.PartitionKeys)}) in the contract; curated files are laid out by them, so they cannot change");
        }

        var before = existing.StorageDescriptor?.Columns ?? [];
        var after = desired.StorageDescriptor!.Columns;
        for (var i = 0; i < before.Count; i++)
        {
            CheckKept(before[i], i, after, contract);
        }

        foreach (var added in after.Skip(before.Count).Where(c => contract.FindColumn(c.Name) is { Nullable: false }))
        {
            throw Incompatible(contract, added.Name, $"new column '{added.Name}' is not nullable; rows already curated have no value for it (declare it nullable: true)");
        }

        return after.Count != before.Count
            || existing.StorageDescriptor?.Location != desired.StorageDescriptor.Location
            || existing.Parameters.GetValueOrDefault(CatalogTable.ContractVersionParameter) != desired.Parameters[CatalogTable.ContractVersionParameter]
            || before.Zip(after).Any(pair => pair.First.Comment != pair.Second.Comment);
    }

    private static void CheckVersion(Table existing, DatasetContract contract)
    {
        if (int.TryParse(existing.Parameters.GetValueOrDefault(CatalogTable.ContractVersionParameter), NumberStyles.None, CultureInfo.InvariantCulture, out var tableVersion)
            && tableVersion > contract.Version)
        {
            throw Incompatible(contract, null, $"the table was written by contract version {tableVersion}, newer than this one; deploy the newer contract");
        }
    }

    private static void CheckKept(Column column, int position, IReadOnlyList<Column> after, DatasetContract contract)
    {
        var moved = after.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Name == column.Name);
        if (moved.c is null)
        {
            throw Incompatible(contract, column.Name, $"column '{column.Name}' ({column.Type}) was removed or renamed");
        }

        if (moved.i != position)
        {
            throw Incompatible(contract, column.Name, $"column '{column.Name}' moved from position {position + 1} to {moved.i + 1}; new columns can only be appended");
        }

        if (!string.Equals(moved.c.Type, column.Type, StringComparison.OrdinalIgnoreCase))
        {
            throw Incompatible(contract, column.Name, $"column '{column.Name}' changed type from {column.Type} to {moved.c.Type}");
        }
    }

    private static string Describe(IEnumerable<Column> columns) => string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));

    private static IncompatibleContractException Incompatible(DatasetContract contract, string? column, string change) =>
        new(contract.Dataset, contract.Version, column, change);
}
