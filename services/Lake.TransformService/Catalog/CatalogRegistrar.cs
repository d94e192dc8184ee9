using Lake.Aws;
using Lake.Aws.Glue;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Transform.Conversion;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Catalog;

/// <summary>How many of an upload's partitions were new to the catalog, and how many it knew already.</summary>
public sealed record PartitionRegistration(int Created, int Existing);

/// <summary>
/// Keeps each dataset's Glue table in step with its contract (created if missing, updated when the contract changed
/// compatibly, refused otherwise) and registers the partitions an upload wrote (BatchCreatePartition, 100 at a time;
/// a partition that already exists is fine: many uploads write into one partition).
/// </summary>
public sealed class CatalogRegistrar(GlueClient glue, IOptions<LakeOptions> lake)
{
    private const int PartitionsPerCall = 100;

    private string Database => lake.Value.GlueDatabase;

    /// <exception cref="IncompatibleContractException">The contract cannot replace the table's definition.</exception>
    public async Task EnsureTableAsync(DatasetContract contract, CancellationToken cancellationToken)
    {
        var desired = CatalogTable.For(contract, lake.Value.Buckets.Curated);
        var existing = await FindTableAsync(contract.Dataset, cancellationToken);
        if (existing is null)
        {
            try
            {
                await glue.CreateTableAsync(new CreateTableRequest { DatabaseName = Database, TableInput = desired }, cancellationToken);
                return;
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "AlreadyExistsException")
            {
                // Another transform created it meanwhile: compare with theirs.
                existing = await FindTableAsync(contract.Dataset, cancellationToken);
                if (existing is null)
                {
                    throw;
                }
            }
        }

        if (ContractCompatibility.RequiresUpdate(existing, desired, contract))
        {
            await glue.UpdateTableAsync(new UpdateTableRequest { DatabaseName = Database, TableInput = desired }, cancellationToken);
        }
    }

    /// <exception cref="CatalogException">Glue refused a partition for a reason other than its existing already.</exception>
    public async Task<PartitionRegistration> RegisterPartitionsAsync(
        DatasetContract contract, IReadOnlyList<CuratedPartition> partitions, CancellationToken cancellationToken)
    {
        var inputs = partitions.Where(p => p.Values.Count > 0).Select(p => new PartitionInput
        {
            Values = [.. p.Values],
            StorageDescriptor = CatalogTable.Storage(contract, CatalogTable.Location(lake.Value.Buckets.Curated, contract.Dataset, p.Path)),
        }).ToList();
        var existing = 0;
        foreach (var chunk in inputs.Chunk(PartitionsPerCall))
        {
            var response = await glue.BatchCreatePartitionAsync(new BatchCreatePartitionRequest
            {
                DatabaseName = Database,
                TableName = contract.Dataset,
                PartitionInputList = [.. chunk],
            }, cancellationToken);
            existing += response.Errors.Count(e => e.ErrorDetail.ErrorCode == "AlreadyExistsException");
            if (response.Errors.FirstOrDefault(e => e.ErrorDetail.ErrorCode != "AlreadyExistsException") is { } error)
            {
                throw new CatalogException(
                    $"Glue did not register partition ({string.Join(", ", error.PartitionValues)}) of {Database}.{contract.Dataset}: {error.ErrorDetail.ErrorCode} {error.ErrorDetail.ErrorMessage}");
            }
        }

        return new PartitionRegistration(inputs.Count - existing, existing);
    }

    private async Task<Table?> FindTableAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await glue.GetTableAsync(new GetTableRequest { DatabaseName = Database, Name = name }, cancellationToken)).Table;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "EntityNotFoundException")
        {
            return null;
        }
    }
}

/// <summary>The catalog refused to register what an upload wrote (a retry may succeed).</summary>
public sealed class CatalogException(string message) : Exception(message);
