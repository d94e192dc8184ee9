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
    /// <exception cref="DuckDbException">DuckDB failed otherwise (memory, disk): a retry may succeed.</exception>
    public Task<ConversionResult> RunAsync(ConversionRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => Run(request, cancellationToken), cancellationToken);

    private ConversionResult Run(ConversionRequest request, CancellationToken cancellationToken)
    {
        var plan = RulePlan.For(request.Contract);
        var sql = new ConversionSql(plan, request, limits);
        Directory.CreateDirectory(request.SpillDirectory);
        var config = new DuckDbConfig { MemoryLimit = limits.MemoryLimit, Threads = limits.Threads, TempDirectory = request.SpillDirectory };
        using var database = DuckDbDatabase.Open(null, config);
        using var connection = database.Connect();
        connection.Execute($"SET TimeZone = 'UTC'; SET partitioned_write_flush_threshold = {limits.PartitionFlushRows}", cancellationToken);
        CheckHeader(connection, sql, request.Contract, cancellationToken);
        ConversionTelemetry.Step("stage", () => Refusing(() => connection.Execute(sql.Stage, cancellationToken), $"{request.Contract.Dataset} contract"));

        var (rowsIn, fileRules, masks) = Decide(connection, sql, plan, cancellationToken);
        ConversionTelemetry.Step("duplicates", () => FindDuplicates(connection, sql, plan, masks, request.PreviousKeyFiles, cancellationToken));
        connection.Execute(sql.SelectQuarantined(masks, wholeFile: fileRules.Count > 0), cancellationToken);
        var quarantined = connection.ExecuteScalar<long>(ConversionSql.CountQuarantined, cancellationToken);

        var valid = rowsIn - quarantined;
        if (valid > 0)
        {
            Directory.CreateDirectory(request.CuratedDirectory);
            ConversionTelemetry.Step("curated", () => connection.Execute(sql.CopyCurated(), cancellationToken));
        }

        var keyFile = plan.KeyChecks.Count > 0 && valid > 0 ? request.KeyFile : null;
        if (keyFile is not null)
        {
            ConversionTelemetry.Step("keys", () => connection.Execute(sql.CopyKeys(), cancellationToken));
        }

        var failures = quarantined > 0 ? WriteQuarantine(connection, sql, fileRules, cancellationToken) : [];
        return new ConversionResult(
            rowsIn, valid, quarantined, PartitionTree.Read(request.CuratedDirectory, request.Contract.PartitionBy), request.CuratedDirectory,
            quarantined > 0 ? request.QuarantineFile : null, keyFile, failures);
    }

    /// <summary>
    /// The file-level outcomes: the row count, the RowCount rules it breaks (then every row is quarantined), and the
    /// failure bits that count — a rule with a threshold the file meets passes as a whole, its failing rows stay valid.
    /// </summary>
    private static (long RowsIn, List<string> FileRules, IReadOnlyList<long> Masks) Decide(
        DuckDbConnection connection, ConversionSql sql, RulePlan plan, CancellationToken cancellationToken)
    {
        var thresholds = sql.Flags.All.Select((flag, i) => (flag, i)).Where(x => x.flag.Check?.Threshold is not null).ToList();
        var counts = ReadRow(connection, sql.Counts(thresholds.Select(t => t.i)), cancellationToken);
        var rowsIn = counts[0];
        var fileRules = plan.RowCountChecks.Where(c => !NumericCondition.IsMet(c.Condition, rowsIn)).Select(c => c.Rule.Text).ToList();
        var waived = thresholds.Where((t, n) => NumericCondition.IsMet(t.flag.Check!.Threshold!, rowsIn == 0 ? 1 : (decimal)counts[n + 1] / rowsIn))
            .Select(t => t.flag).ToHashSet();
        return (rowsIn, fileRules, sql.Flags.Masks(flag => !waived.Contains(flag)));
    }

    /// <summary>Writes the quarantine file; returns how many of its rows broke each rule.</summary>
    private static Dictionary<string, long> WriteQuarantine(DuckDbConnection connection, ConversionSql sql, List<string> fileRules, CancellationToken cancellationToken)
    {
        ConversionTelemetry.Step("quarantine", () => connection.Execute(sql.CopyQuarantine(fileRules), cancellationToken));
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = connection.Query(sql.FailuresByRule, cancellationToken);
        while (reader.Read())
        {
            failures[reader.GetString(0)] = reader.GetInt64(1);
        }

        return failures;
    }

    private static void CheckHeader(DuckDbConnection connection, ConversionSql sql, DatasetContract contract, CancellationToken cancellationToken)
    {
        if (!contract.Csv.Header)
        {
            return;
        }

        var header = new List<string>();
        Refusing(() =>
        {
            using var reader = connection.Query(sql.HeaderProbe, cancellationToken);
            if (reader.Read())
            {
                header.AddRange(Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsNull(c) ? "" : reader.GetString(c)));
            }
        }, $"{contract.Dataset} contract's header");
        if (!header.SequenceEqual(contract.Header, StringComparer.Ordinal))
        {
            throw new ConversionRefusedException(
                $"the header is '{string.Join(contract.Csv.Delimiter, header)}' but the {contract.Dataset} contract (version {contract.Version}) expects '{string.Join(contract.Csv.Delimiter, contract.Header)}'");
        }
    }

    private static void FindDuplicates(
        DuckDbConnection connection, ConversionSql sql, RulePlan plan, IReadOnlyList<long> masks, IReadOnlyList<string> keyFiles, CancellationToken cancellationToken)
    {
        connection.Execute(sql.CreateDuplicates, cancellationToken);
        var fileColumns = KeyFileColumns(connection, keyFiles, cancellationToken);
        for (var key = 0; key < plan.KeyChecks.Count; key++)
        {
            connection.Execute(sql.FindRepeatedKeys(key, masks), cancellationToken);

            // A key file written before a key column existed cannot answer for it (its keys were never checked).
            var columns = plan.KeyChecks[key].Columns;
            var usable = keyFiles.Where(f => columns.All(fileColumns[f].Contains)).ToList();
            if (usable.Count > 0)
            {
                connection.Execute(sql.FindTakenKeys(key, masks, usable), cancellationToken);
            }
        }
    }

    private static Dictionary<string, HashSet<string>> KeyFileColumns(DuckDbConnection connection, IReadOnlyList<string> keyFiles, CancellationToken cancellationToken)
    {
        var columns = keyFiles.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        if (keyFiles.Count == 0)
        {
            return columns;
        }

        var byPath = keyFiles.ToDictionary(f => f.Replace('\\', '/'), f => f);
        using var reader = connection.Query(ConversionSql.KeyFileColumns(keyFiles), cancellationToken);
        while (reader.Read())
        {
            columns[byPath[reader.GetString(0)]].Add(reader.GetString(1));
        }

        return columns;
    }

    private static long[] ReadRow(DuckDbConnection connection, string query, CancellationToken cancellationToken)
    {
        using var reader = connection.Query(query, cancellationToken);
        reader.Read();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64)];
    }

    /// <summary>DuckDB's input errors (a malformed record, a value it cannot bind) do not go away on retry.</summary>
    private static void Refusing(Action read, string what)
    {
        try
        {
            read();
        }
        catch (DuckDbException ex) when (ex.ErrorType is DuckDbErrorType.InvalidInput or DuckDbErrorType.Conversion or DuckDbErrorType.Binder)
        {
            throw new ConversionRefusedException($"the file cannot be read by the {what}: {ConversionRefusedException.Brief(ex.Message)}", ex);
        }
    }
}
