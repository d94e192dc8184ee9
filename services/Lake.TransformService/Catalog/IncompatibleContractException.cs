using Lake.TransformService.Uploads;

namespace Lake.TransformService.Catalog;

/// <summary>
/// The dataset's contract changed in a way its Glue table (and the Parquet already curated under it) cannot take:
/// a column removed, renamed, moved or retyped, a non-nullable column added, the partition keys changed, or an
/// older contract than the one that wrote the table.
/// </summary>
public sealed class IncompatibleContractException(string dataset, int contractVersion, string? column, string change)
    : UploadRefusedException($"contract {dataset} version {contractVersion} is incompatible with the catalog's table: {change}")
{
    public string Dataset { get; } = dataset;

    public int ContractVersion { get; } = contractVersion;

    /// <summary>The column the change is about, when it is about one.</summary>
    public string? Column { get; } = column;

    public string Change { get; } = change;
}
