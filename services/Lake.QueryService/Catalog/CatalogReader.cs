using Lake.Aws;
using Lake.Aws.Glue;
using Lake.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Catalog;

/// <summary>Reads the lake's Glue database: its tables and each table's registered partitions.</summary>
public sealed class CatalogReader(GlueClient glue, IOptions<LakeOptions> lake, ILogger<CatalogReader> logger)
{
    public string Database => lake.Value.GlueDatabase;

    /// <summary>Every table of the database that the query service can serve (an S3 location), with its partitions.</summary>
    public async Task<IReadOnlyList<CatalogTable>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var tables = new List<CatalogTable>();
        await foreach (var table in glue.GetAllTablesAsync(new GetTablesRequest { DatabaseName = Database }, cancellationToken))
        {
            if (await DescribeAsync(table, cancellationToken) is { } described)
            {
                tables.Add(described);
            }
        }

        return tables;
    }

    /// <summary>One table with its partitions; null when the catalog has no such table.</summary>
    public async Task<CatalogTable?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await glue.GetTableAsync(new GetTableRequest { DatabaseName = Database, Name = name }, cancellationToken);
            return await DescribeAsync(response.Table, cancellationToken);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "EntityNotFoundException")
        {
            return null;
        }
    }

    private async Task<CatalogTable?> DescribeAsync(Table table, CancellationToken cancellationToken)
    {
        if (S3Location.TryParse(table.StorageDescriptor?.Location) is not { } location)
        {
            logger.LogWarning("Table {Database}.{Table} has no s3:// location ({Location}); it is not served", Database, table.Name, table.StorageDescriptor?.Location);
            return null;
        }

        var partitions = new List<CatalogPartition>();
        if (table.PartitionKeys.Count > 0)
        {
            var request = new GetPartitionsRequest { DatabaseName = Database, TableName = table.Name };
            await foreach (var partition in glue.GetAllPartitionsAsync(request, cancellationToken))
            {
                var partitionLocation = S3Location.TryParse(partition.StorageDescriptor?.Location) ?? DefaultLocation(location, table.PartitionKeys, partition.Values);
                partitions.Add(new CatalogPartition(partition.Values, partitionLocation));
            }
        }

        return new CatalogTable(
            Database, table.Name,
            [.. (table.StorageDescriptor?.Columns ?? []).Select(c => new CatalogColumn(c.Name, c.Type))],
            [.. table.PartitionKeys.Select(c => new CatalogColumn(c.Name, c.Type))],
            location, partitions);
    }

    // Hive's layout, for a partition registered without a location of its own.
    private static S3Location DefaultLocation(S3Location table, List<Column> keys, List<string> values) =>
        table with { Prefix = table.Prefix + string.Concat(keys.Zip(values, (key, value) => $"{key.Name}={value}/")) };
}
