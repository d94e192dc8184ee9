using Lake.Contracts;
using Lake.DuckDb;
using Lake.Transform.Rules;
using Lake.Transform.Sql;

namespace Lake.Transform.Conversion;

/// <summary>
/// The statements of one conversion. The CSV is read once into a staged table (typed values, failure bits, the text
/// of values that did not parse); everything after reads that table. Its <c>rowid</c> is the record's position in
/// the file (DuckDB keeps insertion order while it reads in parallel), which orders duplicates and gives line numbers.
/// </summary>
internal sealed class ConversionSql(RulePlan plan, ConversionRequest request, DuckDbLimits limits)
{
    private const string Staged = "lake_rows";
    private const string Duplicates = "lake_duplicates";
    private const string Quarantined = "lake_quarantined";
    private const string Curated = $"rowid NOT IN (SELECT __lake_row FROM {Quarantined})";

    private readonly DatasetContract _contract = plan.Contract;

    public RowFlags Flags { get; } = new(plan);

    /// <summary>The file's first line, read as fields without a header: compared with the contract's columns.</summary>
    public string HeaderProbe =>
        $"SELECT * FROM {ReadCsv(header: false, _contract.Columns.Select((_, i) => $"h{i}"))} LIMIT 1";

    public string Stage
    {
        get
        {
            var typed = _contract.Columns.Select(c => $"{ColumnTyping.Parse(RowFlags.RawText(c), c.Type)} AS {SqlText.Identifier(c.Name)}");
            var kept = plan.ParsedColumns.Select(c => $"CASE WHEN {RowFlags.TypeFailure(c)} THEN {RowFlags.RawText(c)} END AS {RowFlags.RawColumn(c)}");
            var masks = Enumerable.Range(0, Flags.MaskCount).Select(m => $"{Flags.MaskExpression(m)} AS {RowFlags.MaskColumn(m)}");
            return $"""
                CREATE TEMP TABLE {Staged} AS
                SELECT {Join(_contract.Columns.Select(c => SqlText.Identifier(c.Name)).Concat(kept).Concat(masks))}
                FROM (SELECT *, {Join(typed)} FROM {ReadCsv(_contract.Csv.Header, _contract.Columns.Select(RowFlags.CsvName))})
                """;
        }
    }

    /// <summary>The row count, then for each flag of <paramref name="flags"/> how many rows pass it.</summary>
    public string Counts(IEnumerable<int> flags) =>
        $"SELECT {Join(flags.Select(i => $"count_if(NOT {Flags.IsSet("r", i)})").Prepend("count(*)"))} FROM {Staged} r";

    public string CreateDuplicates => $"CREATE TEMP TABLE {Duplicates} (__lake_row BIGINT, __lake_key INTEGER)";

    /// <summary>
    /// Rows repeating a key an earlier valid row of the file holds: the first row keeps it, later ones are duplicates.
    /// Keys are grouped by their 64-bit hash (cheaper than by the strings); rows of a repeated hash are then numbered by
    /// the key itself, so two keys sharing a hash stay apart.
    /// </summary>
    public string FindRepeatedKeys(int key, IReadOnlyList<long> masks)
    {
        var columns = plan.KeyChecks[key].Columns.Select(c => $"r.{SqlText.Identifier(c)}").ToList();
        var candidates = $"{RowFlags.NoneSet("r", masks)} AND {string.Join(" AND ", columns.Select(c => $"{c} IS NOT NULL"))}";
        return $"""
            INSERT INTO {Duplicates}
            SELECT __lake_row, {key} FROM (
              SELECT r.rowid AS __lake_row, row_number() OVER (PARTITION BY {Join(columns)} ORDER BY r.rowid) AS __lake_seen
              FROM {Staged} r
              WHERE {candidates} AND hash({Join(columns)}) IN (SELECT hash({Join(columns)}) FROM {Staged} r WHERE {candidates} GROUP BY ALL HAVING count(*) > 1))
            WHERE __lake_seen > 1
            """;
    }

    /// <summary>Valid rows whose key an earlier upload already holds (its key file lists it).</summary>
    public string FindTakenKeys(int key, IReadOnlyList<long> masks, IReadOnlyList<string> keyFiles)
    {
        var columns = plan.KeyChecks[key].Columns;
        return $"""
            INSERT INTO {Duplicates}
            SELECT r.rowid, {key} FROM {Staged} r
            SEMI JOIN (SELECT {Join(columns.Select(SqlText.Identifier))} FROM read_parquet({SqlText.PathList(keyFiles)}, union_by_name = true)) p ON {Equal(columns, "r", "p")}
            WHERE {RowFlags.NoneSet("r", masks)}
            """;
    }

    /// <summary>The columns each key file holds (to use a file only for the keys it can answer).</summary>
    public static string KeyFileColumns(IReadOnlyList<string> keyFiles) =>
        $"SELECT file_name, name FROM parquet_schema({SqlText.PathList(keyFiles)})";

    /// <summary>The rows that go to quarantine, with the failure bits <paramref name="masks"/> counts and the keys they repeat.</summary>
    public string SelectQuarantined(IReadOnlyList<long> masks, bool wholeFile)
    {
        var bits = masks.Select((m, i) => $"r.{RowFlags.MaskColumn(i)} & {m} AS {RowFlags.MaskColumn(i)}");
        var quarantined = wholeFile ? "TRUE" : $"NOT ({RowFlags.NoneSet("r", masks)}) OR d.__lake_keys IS NOT NULL";
        return $"""
            CREATE TEMP TABLE {Quarantined} AS
            SELECT {Join(bits.Prepend("r.rowid AS __lake_row").Append("d.__lake_keys"))}
            FROM {Staged} r LEFT JOIN (SELECT __lake_row, list(DISTINCT __lake_key) AS __lake_keys FROM {Duplicates} GROUP BY __lake_row) d ON r.rowid = d.__lake_row
            WHERE {quarantined}
            """;
    }

    public static string CountQuarantined => $"SELECT count(*) FROM {Quarantined}";

    /// <summary>The valid rows as zstd Parquet, Hive-partitioned by the contract's partition columns (which leave the files).</summary>
    public string CopyCurated()
    {
        var partitioned = _contract.PartitionBy.Count > 0;
        var columns = _contract.Columns.Where(c => !_contract.PartitionBy.Contains(c.Name)).Select(c => c.Name).Concat(_contract.PartitionBy);
        var target = partitioned
            ? $"{SqlText.Path(request.CuratedDirectory)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({Join(_contract.PartitionBy.Select(SqlText.Identifier))}), FILENAME_PATTERN {SqlText.Literal($"{request.FilePrefix}-{{i}}")})"
            : $"{SqlText.Path(Path.Combine(request.CuratedDirectory, $"{request.FilePrefix}-0.parquet"))} (FORMAT parquet, COMPRESSION zstd)";
        return $"COPY (SELECT {Join(columns.Select(SqlText.Identifier))} FROM {Staged} WHERE {Curated}) TO {target}";
    }

    /// <summary>The key columns of every curated row: what later uploads check their keys against.</summary>
    public string CopyKeys() =>
        $"COPY (SELECT {Join(plan.KeyColumns.Select(SqlText.Identifier))} FROM {Staged} WHERE {Curated}) TO {SqlText.Path(request.KeyFile)} (FORMAT parquet, COMPRESSION zstd)";

    /// <summary>Each quarantined row: its line in the CSV, its values as text, the rules it broke and why values did not parse.</summary>
    public string CopyQuarantine(IReadOnlyList<string> fileRules)
    {
        var values = _contract.Columns.Select(c => ColumnTyping.CanFail(c.Type)
            ? $"coalesce(r.{RowFlags.RawColumn(c)}, CAST(r.{SqlText.Identifier(c.Name)} AS VARCHAR)) AS {SqlText.Identifier(c.Name)}"
            : $"r.{SqlText.Identifier(c.Name)}");
        var typeBits = Flags.All.Select((f, i) => (f, i)).Where(x => x.f.TypeColumn is not null).ToList();
        var rules = new List<string>();
        if (typeBits.Count > 0)
        {
            rules.Add($"CASE WHEN {string.Join(" OR ", typeBits.Select(x => Flags.IsSet("q", x.i)))} THEN {SqlText.Literal(RowFlags.TypeRule)} END");
        }

        rules.AddRange(Flags.All.Select((f, i) => (f, i)).Where(x => x.f.Check is not null)
            .Select(x => $"CASE WHEN {Flags.IsSet("q", x.i)} THEN {SqlText.Literal(x.f.Rule)} END"));
        rules.AddRange(plan.KeyChecks.Select((k, i) => $"CASE WHEN list_contains(q.__lake_keys, {i}) THEN {SqlText.Literal(k.Rule.Text)} END"));
        rules.AddRange(fileRules.Select(SqlText.Literal));
        var typeErrors = typeBits.Select(x => $"CASE WHEN {Flags.IsSet("q", x.i)} THEN {SqlText.Literal($"{x.f.TypeColumn!.Name}: '")} || r.{RowFlags.RawColumn(x.f.TypeColumn)} || {SqlText.Literal($"' is not {ColumnTyping.Expected(x.f.TypeColumn.Type)}")} END");
        var firstLine = _contract.Csv.Header ? 2 : 1;
        var line = $"q.__lake_row + {firstLine} + coalesce((SELECT sum(m.newlines) FROM lake_multiline m WHERE m.row < q.__lake_row), 0)";
        return $"""
            COPY (
              WITH lake_multiline AS ({Multiline})
              SELECT {Join(values.Prepend($"CAST({line} AS BIGINT) AS line").Append($"{List(rules)} AS rules").Append($"{List(typeErrors)} AS type_errors"))}
              FROM {Quarantined} q JOIN {Staged} r ON r.rowid = q.__lake_row
              ORDER BY line)
            TO {SqlText.Path(request.QuarantineFile)} (FORMAT parquet, COMPRESSION zstd)
            """;
    }

    /// <summary>
    /// The records that span several lines (a quoted field with line breaks), with how many breaks: a row's line is its
    /// position plus the breaks before it. Only string columns, and the kept text of values that did not parse, can hold one.
    /// </summary>
    private string Multiline
    {
        get
        {
            var texts = _contract.Columns.Select(c => ColumnTyping.CanFail(c.Type) ? RowFlags.RawColumn(c) : SqlText.Identifier(c.Name)).ToList();
            var breaks = string.Join(" + ", texts.Select(t => $"coalesce(length({t}) - length(replace({t}, chr(10), '')), 0)"));
            return $"SELECT rowid AS row, {breaks} AS newlines FROM {Staged} WHERE {string.Join(" OR ", texts.Select(t => $"contains({t}, chr(10))"))}";
        }
    }

    public string FailuresByRule =>
        $"SELECT rule, count(*) FROM (SELECT unnest(rules) AS rule FROM read_parquet({SqlText.Path(request.QuarantineFile)})) GROUP BY rule ORDER BY rule";

    private string ReadCsv(bool header, IEnumerable<string> names)
    {
        var csv = _contract.Csv;
        var quote = SqlText.Literal(csv.Quote.ToString());
        var columns = string.Join(", ", names.Select(n => $"{SqlText.Literal(n)}: 'VARCHAR'"));
        return $"read_csv({SqlText.Path(request.CsvPath)}, header = {(header ? "true" : "false")}, delim = {SqlText.Literal(csv.Delimiter.ToString())}, "
            + $"quote = {quote}, escape = {quote}, auto_detect = false, buffer_size = {limits.CsvBufferSize}, columns = {{{columns}}})";
    }

    private static string Equal(IEnumerable<string> columns, string left, string right) =>
        string.Join(" AND ", columns.Select(c => $"{left}.{SqlText.Identifier(c)} = {right}.{SqlText.Identifier(c)}"));

    private static string List(IEnumerable<string> items) => $"list_filter(CAST([{Join(items)}] AS VARCHAR[]), x -> x IS NOT NULL)";

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);
}
