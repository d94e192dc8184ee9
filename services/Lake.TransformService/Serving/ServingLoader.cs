using Amazon.DynamoDBv2;
using DuckDB.NET.Data;
using Lake.Configuration;
using Lake.Contracts;
using Lake.DuckDb;
using Lake.Serving;
using Lake.Transform.Conversion;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Serving;

/// <summary>What an upload put into its dataset's serving table.</summary>
public sealed record ServingLoad(string Table, string ProcessedAt, long Items);

/// <summary>
/// Loads an upload's valid rows into its dataset's serving table, read back from the Parquet the conversion wrote (the
/// partition columns from the partition's path). Every item is keyed by the upload's processing timestamp, recorded
/// once in the status table, so a retried upload puts the same keys again and nothing is written twice.
/// </summary>
public sealed class ServingLoader(IAmazonDynamoDB dynamo, UploadStatusStore status, IOptions<LakeOptions> lake, TimeProvider time)
{
    /// <summary>BatchWriteItem calls in flight at once for one upload.</summary>
    private const int WriteConcurrency = 8;

    /// <summary>Loads the rows into <paramref name="serving"/>, the contract's serving table.</summary>
    /// <returns>What was loaded (no item when no row was valid).</returns>
    public async Task<ServingLoad> LoadAsync(
        UploadId uploadId, DatasetContract contract, ServingTable serving, ConversionResult result, CancellationToken cancellationToken)
    {
        var processedAt = ServingItems.Timestamp(await status.ProcessedAtAsync(uploadId, time.GetUtcNow(), cancellationToken));
        var table = serving.PhysicalName(lake.Value.ServingTablePrefix);
        if (result.RowsValid == 0)
        {
            return new ServingLoad(table, processedAt, 0);
        }

        var items = new ServingItems(contract);
        await using var connection = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("SET TimeZone = 'UTC'", cancellationToken);

        // One stream over every partition, so batches are full (25 items) and WriteConcurrency of them are in flight,
        // instead of a partition's one or two batches at a time.
        var rows = result.Partitions.Where(p => p.Files.Count > 0)
            .SelectMany(partition => Rows(connection, contract, items.Columns, result.CuratedDirectory, partition, cancellationToken));
        var written = await new ServingTableWriter(dynamo, concurrency: WriteConcurrency)
            .WriteAsync(table, rows.Select(values => items.Item(values, processedAt, uploadId.Value)), cancellationToken);
        return new ServingLoad(table, processedAt, written);
    }

    /// <summary>The partition's rows, each the item columns' values as text; streamed, not held.</summary>
    private static IEnumerable<string?[]> Rows(
        DuckDBConnection connection, DatasetContract contract, IReadOnlyList<ColumnDefinition> columns, string root, CuratedPartition partition,
        CancellationToken cancellationToken)
    {
        var fromFile = columns.Where(c => !contract.PartitionBy.Contains(c.Name)).ToList();
        var files = string.Join(", ", partition.Files.Select(f => SqlText.Path(Path.Combine(root, f))));
        var select = fromFile.Count == 0 ? "1" : string.Join(", ", fromFile.Select(Text));
        using var reader = connection.ExecuteReaderAsync($"SELECT {select} FROM read_parquet([{files}], hive_partitioning = false)", cancellationToken).GetAwaiter().GetResult();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return [.. columns.Select(c =>
            {
                var partitionIndex = IndexOf(contract.PartitionBy, c.Name);
                if (partitionIndex >= 0)
                {
                    return partition.Values[partitionIndex];
                }

                var ordinal = fromFile.IndexOf(c);
                return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            })];
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A column as text: timestamps in ISO 8601, the rest as DuckDB writes them (decimals exact, booleans true/false).</summary>
    private static string Text(ColumnDefinition column) => column.Type.Kind == ColumnKind.Timestamp
        ? $"strftime({SqlText.Identifier(column.Name)}, '%Y-%m-%dT%H:%M:%S.%g')"
        : $"CAST({SqlText.Identifier(column.Name)} AS VARCHAR)";
}
