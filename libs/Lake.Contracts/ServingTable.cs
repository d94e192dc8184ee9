namespace Lake.Contracts;

/// <summary>
/// A DynamoDB table the dataset's valid rows are loaded into after each transform, for applications that read by key.
/// Each item is keyed by <see cref="PartitionKey"/> (a column) and <see cref="SortKey"/> (not a column: the upload's
/// processing timestamp, ISO 8601 UTC), carries the <see cref="Attributes"/> columns and the upload's id as
/// <see cref="UploadIdAttribute"/>.
/// </summary>
/// <param name="Table">The table's name without the lake's prefix (<c>Lake:ServingTablePrefix</c>, <c>lake-</c> by default).</param>
/// <param name="PartitionKey">The column that is the item's partition key: declared, not nullable, a string or a whole number.</param>
/// <param name="SortKey">The attribute name of the sort key, the upload's processing timestamp; not a column name.</param>
/// <param name="Attributes">The other columns copied into each item, in the order written.</param>
public sealed record ServingTable(string Table, string PartitionKey, string SortKey, IReadOnlyList<string> Attributes)
{
    /// <summary>The attribute every item carries with the id of the upload that wrote it.</summary>
    public const string UploadIdAttribute = "upload_id";

    /// <summary>The kinds a partition key column may be (a DynamoDB key is a string or a number).</summary>
    public static readonly ColumnKind[] KeyKinds = [ColumnKind.String, ColumnKind.Int, ColumnKind.BigInt];

    /// <summary>The table's name in the lake: <paramref name="prefix"/> then <see cref="Table"/>.</summary>
    public string PhysicalName(string prefix) => prefix + Table;
}
