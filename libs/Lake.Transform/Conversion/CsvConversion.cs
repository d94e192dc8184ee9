using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Lake.Contracts;
using Lake.DuckDb;
using Lake.Transform.Rules;

namespace Lake.Transform.Conversion;

/// <summary>
/// Converts one CSV file by its contract, on a private in-memory DuckDB bounded by <see cref="DuckDbLimits"/> that
/// spills into the request's work directory: read and type every record once into a staged table (with each row's
/// failures as bits), decide the file-level rules, find repeated and already-taken keys, then write the valid rows
/// as partitioned zstd Parquet, the upload's key file, and the failing rows to a quarantine file with their rules.
/// </summary>
public sealed class CsvConversion(DuckDbLimits limits)
{
    /// <summary>Runs the conversion on a pool thread (DuckDB blocks while it works); cancelling interrupts DuckDB.</summary>
    /// <exception cref="ConversionRefusedException">The file cannot be read by the contract (a retry would not help).</exception>
    /// <exception cref="DuckDBException">DuckDB failed otherwise (memory, disk): a retry may succeed.</exception>
    public Task<ConversionResult> RunAsync(ConversionRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => ConvertAsync(request, cancellationToken), cancellationToken);

    private async Task<ConversionResult> ConvertAsync(ConversionRequest request, CancellationToken cancellationToken)
    {
        var plan = RulePlan.For(request.Contract);
        var sql = new ConversionSql(plan, request, limits);
        Directory.CreateDirectory(request.SpillDirectory);
        await using var connection = new DuckDBConnection(limits.ConnectionString(request.SpillDirectory));
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync($"SET TimeZone = 'UTC'; SET partitioned_write_flush_threshold = {limits.PartitionFlushRows}", cancellationToken);
        await CheckHeaderAsync(connection, sql, request.Contract, cancellationToken);
        await ConversionTelemetry.StepAsync("stage", () => RefusingAsync(() => connection.ExecuteAsync(sql.Stage, cancellationToken), $"{request.Contract.Dataset} contract"));

        var (rowsIn, fileRules, masks) = await DecideAsync(connection, sql, plan, cancellationToken);
        await ConversionTelemetry.StepAsync("duplicates", () => FindDuplicatesAsync(connection, sql, plan, masks, request.PreviousKeyFiles, cancellationToken));
        await connection.ExecuteAsync(sql.SelectQuarantined(masks, wholeFile: fileRules.Count > 0), cancellationToken);
        var quarantined = await connection.ExecuteScalarAsync<long>(ConversionSql.CountQuarantined, cancellationToken);

        var valid = rowsIn - quarantined;
        if (valid > 0)
        {
            Directory.CreateDirectory(request.CuratedDirectory);
            await ConversionTelemetry.StepAsync("curated", () => connection.ExecuteAsync(sql.CopyCurated(), cancellationToken));
        }

        var keyFile = plan.KeyChecks.Count > 0 && valid > 0 ? request.KeyFile : null;
        if (keyFile is not null)
        {
            await ConversionTelemetry.StepAsync("keys", () => connection.ExecuteAsync(sql.CopyKeys(), cancellationToken));
        }

        var failures = quarantined > 0 ? await WriteQuarantineAsync(connection, sql, fileRules, cancellationToken) : [];
        return new ConversionResult(
            rowsIn, valid, quarantined, PartitionTree.Read(request.CuratedDirectory, request.Contract.PartitionBy), request.CuratedDirectory,
            quarantined > 0 ? request.QuarantineFile : null, keyFile, failures);
    }

    /// <summary>
    /// The file-level outcomes: the row count, the RowCount rules it breaks (then every row is quarantined), and the
    /// failure bits that count — a rule with a threshold the file meets passes as a whole, its failing rows stay valid.
    /// </summary>
    private static async Task<(long RowsIn, List<string> FileRules, IReadOnlyList<long> Masks)> DecideAsync(
        DuckDBConnection connection, ConversionSql sql, RulePlan plan, CancellationToken cancellationToken)
    {
        var thresholds = sql.Flags.All.Select((flag, i) => (flag, i)).Where(x => x.flag.Check?.Threshold is not null).ToList();
        var counts = await ReadRowAsync(connection, sql.Counts(thresholds.Select(t => t.i)), cancellationToken);
        var rowsIn = counts[0];
        var fileRules = plan.RowCountChecks.Where(c => !NumericCondition.IsMet(c.Condition, rowsIn)).Select(c => c.Rule.Text).ToList();
        var waived = thresholds.Where((t, n) => NumericCondition.IsMet(t.flag.Check!.Threshold!, rowsIn == 0 ? 1 : (decimal)counts[n + 1] / rowsIn))
            .Select(t => t.flag).ToHashSet();
        return (rowsIn, fileRules, sql.Flags.Masks(flag => !waived.Contains(flag)));
    }

    /// <summary>Writes the quarantine file; returns how many of its rows broke each rule.</summary>
    private static async Task<Dictionary<string, long>> WriteQuarantineAsync(
        DuckDBConnection connection, ConversionSql sql, List<string> fileRules, CancellationToken cancellationToken)
    {
        await ConversionTelemetry.StepAsync("quarantine", () => connection.ExecuteAsync(sql.CopyQuarantine(fileRules), cancellationToken));
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await connection.ExecuteReaderAsync(sql.FailuresByRule, cancellationToken);
        while (reader.Read())
        {
            failures[reader.GetString(0)] = reader.GetInt64(1);
        }

        return failures;
    }

    private static async Task CheckHeaderAsync(DuckDBConnection connection, ConversionSql sql, DatasetContract contract, CancellationToken cancellationToken)
    {
        if (!contract.Csv.Header)
        {
            return;
        }

        var header = new List<string>();
        await RefusingAsync(async () =>
        {
            await using var reader = await connection.ExecuteReaderAsync(sql.HeaderProbe, cancellationToken);
            if (reader.Read())
            {
                header.AddRange(Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? "" : reader.GetString(c)));
            }
        }, $"{contract.Dataset} contract's header");
        if (!header.SequenceEqual(contract.Header, StringComparer.Ordinal))
        {
            throw new ConversionRefusedException(
                $"the header is '{string.Join(contract.Csv.Delimiter, header)}' but the {contract.Dataset} contract (version {contract.Version}) expects '{string.Join(contract.Csv.Delimiter, contract.Header)}'");
        }
    }

    private static async Task FindDuplicatesAsync(
        DuckDBConnection connection, ConversionSql sql, RulePlan plan, IReadOnlyList<long> masks, IReadOnlyList<string> keyFiles, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(sql.CreateDuplicates, cancellationToken);
        var fileColumns = await KeyFileColumnsAsync(connection, keyFiles, cancellationToken);
        for (var key = 0; key < plan.KeyChecks.Count; key++)
        {
            await connection.ExecuteAsync(sql.FindRepeatedKeys(key, masks), cancellationToken);

            // A key file written before a key column existed cannot answer for it (its keys were never checked).
            var columns = plan.KeyChecks[key].Columns;
            var usable = keyFiles.Where(f => columns.All(fileColumns[f].Contains)).ToList();
            if (usable.Count > 0)
            {
                await connection.ExecuteAsync(sql.FindTakenKeys(key, masks, usable), cancellationToken);
            }
        }
    }

    private static async Task<Dictionary<string, HashSet<string>>> KeyFileColumnsAsync(
        DuckDBConnection connection, IReadOnlyList<string> keyFiles, CancellationToken cancellationToken)
    {
        var columns = keyFiles.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        if (keyFiles.Count == 0)
        {
            return columns;
        }

        var byPath = keyFiles.ToDictionary(f => f.Replace('\\', '/'), f => f);
        await using var reader = await connection.ExecuteReaderAsync(ConversionSql.KeyFileColumns(keyFiles), cancellationToken);
        while (reader.Read())
        {
            columns[byPath[reader.GetString(0)]].Add(reader.GetString(1));
        }

        return columns;
    }

    private static async Task<long[]> ReadRowAsync(DuckDBConnection connection, string query, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(query, cancellationToken);
        reader.Read();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64)];
    }

    /// <summary>DuckDB's input errors (a malformed record, a value it cannot bind) do not go away on retry.</summary>
    private static async Task RefusingAsync(Func<Task> read, string what)
    {
        try
        {
            await read();
        }
        catch (DuckDBException ex) when (ex.Kind() is DuckDBErrorType.InvalidInput or DuckDBErrorType.Conversion or DuckDBErrorType.Binder)
        {
            throw new ConversionRefusedException($"the file cannot be read by the {what}: {ConversionRefusedException.Brief(ex.Message)}", ex);
        }
    }
}
