using DuckDB.NET.Data;
using Lake.Contracts;
using Lake.DuckDb;
using Lake.Transform.Rules;

namespace Lake.Transform.Conversion;

/// <summary>
/// Whether an upload's key file holds a key that other key files hold too: the check a conversion made against the
/// key files it was given, repeated against the ones that arrived while it ran. A file without one of a key's columns
/// cannot answer for that key (as in the conversion).
/// </summary>
public static class KeyOverlap
{
    public static Task<bool> AnyAsync(DatasetContract contract, string keyFile, IReadOnlyList<string> others, CancellationToken cancellationToken) =>
        Task.Run(() => FindAsync(contract, keyFile, others, cancellationToken), cancellationToken);

    private static async Task<bool> FindAsync(DatasetContract contract, string keyFile, IReadOnlyList<string> others, CancellationToken cancellationToken)
    {
        var plan = RulePlan.For(contract);
        if (plan.KeyChecks.Count == 0 || others.Count == 0)
        {
            return false;
        }

        await using var connection = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        await connection.OpenAsync(cancellationToken);
        var columns = others.ToDictionary(f => f.Replace('\\', '/'), _ => new HashSet<string>(StringComparer.Ordinal));
        await using (var reader = await connection.ExecuteReaderAsync(ConversionSql.KeyFileColumns(others), cancellationToken))
        {
            while (reader.Read())
            {
                columns[reader.GetString(0)].Add(reader.GetString(1));
            }
        }

        foreach (var key in plan.KeyChecks)
        {
            var usable = columns.Where(c => key.Columns.All(c.Value.Contains)).Select(c => c.Key).ToList();
            if (usable.Count == 0)
            {
                continue;
            }

            var names = string.Join(", ", key.Columns.Select(SqlText.Identifier));
            var equal = string.Join(" AND ", key.Columns.Select(c => $"o.{SqlText.Identifier(c)} = p.{SqlText.Identifier(c)}"));
            var taken = await connection.ExecuteScalarAsync<long>(
                $"SELECT count(*) FROM read_parquet({SqlText.Path(keyFile)}) o SEMI JOIN (SELECT {names} FROM read_parquet({SqlText.PathList(usable)}, union_by_name = true)) p ON {equal}",
                cancellationToken);
            if (taken > 0)
            {
                return true;
            }
        }

        return false;
    }
}
