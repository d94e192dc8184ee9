using Lake.Contracts.Dqdl;
using Lake.Contracts.Sources;

namespace Lake.Contracts;

/// <summary>
/// A dataset, declared once in <c>contracts/&lt;dataset&gt;.yaml</c>: its columns, how its files are written,
/// how it is partitioned and keyed, the limits a file must keep, and the data-quality rules its rows must pass.
/// </summary>
/// <param name="Dataset">The dataset's name: lowercase letters, digits and underscores; used in object keys and table names.</param>
/// <param name="Version">The contract's version, raised when the contract changes.</param>
/// <param name="Columns">The columns, in the order of the CSV header.</param>
/// <param name="PartitionBy">The curated zone's Hive partition columns, outermost first.</param>
/// <param name="PrimaryKey">The columns that identify a row.</param>
/// <param name="QuarantineThreshold">The share of rows (0..1) in quarantine above which the transform alerts.</param>
/// <param name="Rules">The DQDL rules, in the order written.</param>
/// <param name="SourceName">The file the contract was loaded from.</param>
public sealed record DatasetContract(
    string Dataset,
    int Version,
    string Description,
    IReadOnlyList<ColumnDefinition> Columns,
    CsvOptions Csv,
    IReadOnlyList<string> PartitionBy,
    IReadOnlyList<string> PrimaryKey,
    FileLimits Limits,
    double QuarantineThreshold,
    IReadOnlyList<DqdlRule> Rules,
    string SourceName)
{
    /// <summary>The header a file must start with (when <see cref="CsvOptions.Header"/> is set): the column names in order.</summary>
    public IReadOnlyList<string> Header => [.. Columns.Select(c => c.Name)];

    /// <summary>The DynamoDB table the valid rows are loaded into after each transform, or null when the dataset declares none.</summary>
    public ServingTable? Serving { get; init; }

    /// <summary>The HTTP API the dataset is pulled from on a schedule, or null when only uploads fill it.</summary>
    public HttpSource? Source { get; init; }

    /// <summary>Where the dataset's name is written, for errors about the whole contract.</summary>
    internal SourcePosition DatasetPosition { get; init; }

    /// <summary>The column named <paramref name="name"/> (exact, case-sensitive), or null.</summary>
    public ColumnDefinition? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The rules of one scope: row rules compile to a per-row predicate, dataset rules look across rows.</summary>
    public IEnumerable<DqdlRule> RulesIn(RuleScope scope) => Rules.Where(r => r.Scope == scope);
}

/// <summary>One column: its name (as in the CSV header), its type, whether it may be empty.</summary>
public sealed record ColumnDefinition(string Name, ColumnType Type, bool Nullable, string? Description = null);

/// <summary>How a dataset's files are written. Only UTF-8 is supported (a BOM is tolerated).</summary>
/// <param name="Header">Whether the first line is the header (the column names in order).</param>
public sealed record CsvOptions(char Delimiter = ',', char Quote = '"', bool Header = true, string Encoding = CsvOptions.Utf8)
{
    /// <summary>The only encoding a contract may declare.</summary>
    public const string Utf8 = "utf-8";
}

/// <summary>Limits a file must keep before any row is read.</summary>
/// <param name="MaxBytes">The largest file accepted, in bytes.</param>
/// <param name="MaxLineLength">The longest line accepted, in bytes, line ending excluded.</param>
public sealed record FileLimits(long MaxBytes, int MaxLineLength);
