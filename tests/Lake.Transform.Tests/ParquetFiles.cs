using System.Collections;
using Lake.Contracts;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Lake.Transform.Tests;

/// <summary>One Parquet file as Parquet.Net reads it: its columns, its rows and the codecs of its column chunks (<c>ZSTD</c>, ...).</summary>
internal sealed record ParquetFile(ParquetSchema Schema, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, IReadOnlySet<string> Codecs)
{
    /// <summary>Each column as <c>name type</c>, the type in a contract's words (<c>string</c>, <c>decimal(12,2)</c>, <c>date</c>, ...).</summary>
    public IEnumerable<string> Columns => Schema.Fields.Select(f => $"{f.Name} {ParquetFiles.ContractTypeName(f)}");
}

/// <summary>
/// Reads what the conversion wrote with Parquet.Net: a reader independent of DuckDB, which wrote it. A row maps each
/// column to its value: null for NULL, <c>string</c>, <c>int</c>, <c>long</c>, <c>decimal</c>, <c>double</c>,
/// <c>bool</c>, <c>DateOnly</c>, <c>DateTime</c>, a list as <c>List&lt;object?&gt;</c>.
/// </summary>
internal static class ParquetFiles
{
    private static readonly ParquetOptions Options = new() { UseDateOnlyTypeForDates = true };

    static ParquetFiles() => ParquetOptions.PreferUntypedString = true;

    public static async Task<ParquetFile> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var content = await ParquetSerializer.DeserializeUntypedAsync(stream, Options);
        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream, Options);
        var codecs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var group = reader.OpenRowGroupReader(i);
            codecs.UnionWith(reader.Schema.GetDataFields().Select(f => group.GetMetadata(f)!.MetaData!.Codec.ToString()));
        }

        var columns = content.Schema.Fields.Select(f => f.Name).ToList();
        return new ParquetFile(content.Schema, [.. content.Data.Select(row => Row(columns, row))], codecs);
    }

    /// <summary>
    /// Every row of a Hive-partitioned directory (<c>{column}={value}/*.parquet</c>), its partition columns taken from
    /// the path as text, as Athena reads them.
    /// </summary>
    public static async Task<List<IReadOnlyDictionary<string, object?>>> ReadPartitionedAsync(string directory)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var path in Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var partition = Path.GetRelativePath(directory, Path.GetDirectoryName(path)!).Split(Path.DirectorySeparatorChar)
                .Where(part => part.Contains('=', StringComparison.Ordinal)).Select(part => part.Split('=', 2)).ToList();
            foreach (var row in (await ReadAsync(path)).Rows)
            {
                var withPartition = new Dictionary<string, object?>(row);
                partition.ForEach(p => withPartition[p[0]] = Uri.UnescapeDataString(p[1]));
                rows.Add(withPartition);
            }
        }

        return rows;
    }

    /// <summary>(line, rule) for every rule each row of a quarantine file broke, in line order.</summary>
    public static async Task<List<(long Line, string Rule)>> QuarantinedRulesAsync(string quarantineFile) =>
        [.. (await ReadAsync(quarantineFile)).Rows
            .OrderBy(r => (long)r["line"]!)
            .SelectMany(r => ((List<object?>)r["rules"]!).Select(rule => ((long)r["line"]!, (string)rule!)))];

    /// <summary>How many rows the Parquet files under <paramref name="directory"/> hold, from their metadata.</summary>
    public static async Task<long> CountRowsAsync(string directory)
    {
        long rows = 0;
        foreach (var path in Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories))
        {
            await using var reader = await ParquetReader.CreateAsync(path, Options);
            rows += reader.RowGroups.Sum(g => g.RowCount);
        }

        return rows;
    }

    /// <summary>The contract type a Parquet column holds: <c>decimal(p,s)</c>, <c>string</c>, <c>int</c>, ...; else its kind (<c>list</c>).</summary>
    public static string ContractTypeName(Field field) => field switch
    {
        DecimalDataField d => new ColumnType(ColumnKind.Decimal, d.Precision, d.Scale).ToString(),
        DataField d when d.ClrType == typeof(string) || d.ClrType == typeof(ReadOnlyMemory<char>) => "string",
        DataField d when d.ClrType == typeof(int) => "int",
        DataField d when d.ClrType == typeof(long) => "bigint",
        DataField d when d.ClrType == typeof(double) => "double",
        DataField d when d.ClrType == typeof(bool) => "boolean",
        DataField d when d.ClrType == typeof(DateOnly) => "date",
        DataField d when d.ClrType == typeof(DateTime) => "timestamp",
        DataField d => d.ClrType.Name,
        _ => field.SchemaType.ToString().ToLowerInvariant(),
    };

    // Parquet.Net leaves NULL columns out of a row and gives strings inside lists as ReadOnlyMemory<char>.
    private static Dictionary<string, object?> Row(List<string> columns, IDictionary<string, object> row) =>
        columns.ToDictionary(c => c, c => Value(row.TryGetValue(c, out var value) ? value : null));

    private static object? Value(object? value) => value switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        string text => text,
        IEnumerable list => list.Cast<object?>().Select(Value).ToList(),
        _ => value,
    };
}
