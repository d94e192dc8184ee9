using System.Diagnostics;
using DuckDB.NET.Data;
using Lake.Contracts;
using Lake.DuckDb;
using Lake.Transform.Conversion;
using Lake.Transform.Sql;
using Lake.TransformService.Catalog;
using Lake.TransformService.Uploads;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.Testing.Aspire.Bench;

/// <summary>What <see cref="GeneratedOrders"/> wrote, published and cataloged; the count and sum the table must show for the run.</summary>
public sealed record GeneratedTable(
    string Run, long Rows, decimal Total, int Partitions, int Files, long Bytes, string FirstDay, TimeSpan Generate, TimeSpan Publish, TimeSpan Catalog);

/// <summary>
/// A large orders table made without the upload pipeline, yet laid out as the transform lays out an upload: DuckDB
/// writes N generated rows (the orders contract's columns and types, order ids <c>{run}-{n}</c>) as zstd Parquet
/// partitioned by <c>order_date</c> under one upload id, then the transform's own <see cref="CuratedPublisher"/> puts the
/// files into the curated bucket and its <see cref="CatalogRegistrar"/> creates the table (if missing) and registers
/// the partitions. No status record, key file or serving item is written: nothing queries them here.
/// </summary>
public static class GeneratedOrders
{
    /// <summary>The rows spread evenly over a year nothing else in the lake writes (the seed is 2024, the bench's uploads 2025).</summary>
    public const string FirstDay = "2023-01-01";
    public const int Days = 365;

    private const string Dataset = "orders";

    // Expressions per contract column over r(i) and, for total, the row's own columns; ordered by date so that each
    // partition's rows arrive together and DuckDB writes one file per day.
    private static readonly Dictionary<string, string> Expressions = new(StringComparer.Ordinal)
    {
        ["order_id"] = "{run} || '-' || lpad(CAST(i AS VARCHAR), 10, '0')",
        ["order_date"] = "DATE '" + FirstDay + "' + CAST(i * " + Days + " // {rows} AS INTEGER)",
        ["customer_id"] = "'C' || lpad(CAST((i * 2654435761) % 200000 AS VARCHAR), 6, '0')",
        ["customer_name"] = "CASE WHEN i % 10 = 0 THEN NULL ELSE 'Customer ' || CAST(i % 1000 AS VARCHAR) END",
        ["product_name"] = "['Desk Lamp', 'Office Chair', 'Notebook', 'Monitor', 'Keyboard', 'Headset', 'Webcam', 'Cable'][1 + i % 8]",
        ["quantity"] = "1 + i % 5",
        ["unit_price"] = "CAST((i * 7919) % 20000 + 500 AS DECIMAL(14, 0)) * 0.01",
        ["currency"] = "['EUR', 'USD', 'GBP', 'CHF', 'SEK'][1 + (i // 7) % 5]",
    };

    public static async Task<GeneratedTable> CreateAsync(AspireLake lake, long rows, string run, Action<string> log, CancellationToken cancellationToken)
    {
        var contract = ContractCatalog.Load(null)[Dataset];
        var uploadId = UploadId.New();
        var work = Directory.CreateTempSubdirectory("lake-query-bench-").FullName;
        var curated = Path.Combine(work, "curated");
        try
        {
            var clock = Stopwatch.StartNew();
            var (written, total) = Write(contract, rows, run, CuratedLayout.FilePrefix(uploadId), curated, Path.Combine(work, "spill"));
            var partitions = PartitionTree.Read(curated, contract.PartitionBy);
            var files = partitions.SelectMany(p => p.Files).ToList();
            var bytes = files.Sum(f => new FileInfo(Path.Combine(curated, f)).Length);
            var generate = clock.Elapsed;
            log($"generated {written:N0} rows in {partitions.Count} partitions, {files.Count} files, {bytes / 1e6:0.0} MB in {generate.TotalSeconds:0.0} s");

            clock.Restart();
            using var clients = lake.AwsClients();
            var options = Options.Create(lake.Options);
            var result = new ConversionResult(written, written, 0, partitions, curated, QuarantineFile: null, KeyFile: null, new Dictionary<string, long>());
            await new CuratedPublisher(clients.S3, options).PublishAsync(contract, uploadId, result, cancellationToken);
            var publish = clock.Elapsed;
            log($"published to s3://{lake.Options.Buckets.Curated}/{Dataset}/ in {publish.TotalSeconds:0.0} s");

            clock.Restart();
            var registrar = new CatalogRegistrar(clients.Glue, options);
            await registrar.EnsureTableAsync(contract, cancellationToken);
            var registered = await registrar.RegisterPartitionsAsync(contract, partitions, cancellationToken);
            var catalog = clock.Elapsed;
            log($"cataloged {registered.Created} new partitions ({registered.Existing} existed) in {catalog.TotalSeconds:0.0} s");
            return new GeneratedTable(run, written, total, partitions.Count, files.Count, bytes, FirstDay, generate, publish, catalog);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The day a partition-pruned statement reads: one in the middle of the generated year.</summary>
    public static string MiddleDay => DateOnly.Parse(FirstDay, System.Globalization.CultureInfo.InvariantCulture).AddDays(Days / 2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the rows as the transform's <c>COPY ... PARTITION_BY</c> does; returns their count and the sum of their totals.</summary>
    private static (long Rows, decimal Total) Write(DatasetContract contract, long rows, string run, string filePrefix, string directory, string spill)
    {
        // The transform writes the non-partition columns in contract order, then the partition columns (which leave the files).
        var columns = contract.Columns.Where(c => !contract.PartitionBy.Contains(c.Name))
            .Concat(contract.PartitionBy.Select(name => contract.FindColumn(name)!)).ToList();
        string Typed(ColumnDefinition column, string expression) => $"CAST({expression} AS {ColumnTyping.DuckDbType(column.Type)}) AS {SqlText.Identifier(column.Name)}";
        var inner = columns.Where(c => c.Name != "total").Select(c => Typed(c, Expression(c.Name, run, rows)));
        var outer = columns.Select(c => c.Name == "total" ? Typed(c, "quantity * unit_price") : SqlText.Identifier(c.Name));
        var generated = $"SELECT {string.Join(", ", outer)} FROM (SELECT {string.Join(", ", inner)} FROM range({rows}) r(i))";

        using var connection = new DuckDBConnection(new DuckDbLimits("1GB", 2).ConnectionString(spill));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({generated}) TO {SqlText.Path(directory)} (FORMAT parquet, COMPRESSION zstd, " +
            $"PARTITION_BY ({string.Join(", ", contract.PartitionBy.Select(SqlText.Identifier))}), FILENAME_PATTERN {SqlText.Literal($"{filePrefix}-{{i}}")})";
        command.ExecuteNonQuery();
        command.CommandText = $"SELECT count(*), sum(total) FROM ({generated})";
        using var reader = command.ExecuteReader();
        reader.Read();
        var counted = reader.GetInt64(0);
        var total = reader.GetDecimal(1);
        return (counted, total);
    }

    private static string Expression(string column, string run, long rows) =>
        Expressions.TryGetValue(column, out var expression)
            ? expression.Replace("{run}", SqlText.Literal(run), StringComparison.Ordinal).Replace("{rows}", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : throw new InvalidOperationException($"The orders contract has a column '{column}' the generator does not fill: add it to {nameof(GeneratedOrders)}.");
}
