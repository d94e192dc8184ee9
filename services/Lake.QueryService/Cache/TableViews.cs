using Lake.DuckDb;
using Lake.QueryService.Catalog;

namespace Lake.QueryService.Cache;

/// <summary>
/// The DuckDB view behind each catalog table: <c>database.table</c> over the explicit list of its cached files
/// (never a glob), partition values read from the Hive paths with the catalog's types, so a filter on a partition
/// key prunes whole files before any is opened.
/// </summary>
public static class TableViews
{
    public static string CreateSchema(string database) => $"CREATE SCHEMA IF NOT EXISTS {SqlText.Identifier(database)}";

    public static string Drop(CatalogTable table) => $"DROP VIEW IF EXISTS {Name(table)}";

    public static string CreateOrReplace(CachedTable cached)
    {
        var table = cached.Table;
        if (!cached.Files.Any())
        {
            // No data yet: the right columns and types, no rows.
            var typed = table.AllColumns.Select(c => $"CAST(NULL AS {c.DuckDbType}) AS {SqlText.Identifier(c.Name)}");
            return $"CREATE OR REPLACE VIEW {Name(table)} AS SELECT {string.Join(", ", typed)} WHERE false";
        }

        var columns = string.Join(", ", table.AllColumns.Select(c => SqlText.Identifier(c.Name)));
        var options = table.PartitionKeys.Count == 0
            ? "hive_partitioning = false"
            : $"hive_partitioning = true, hive_types = {{{string.Join(", ", table.PartitionKeys.Select(k => $"{SqlText.Literal(k.Name)}: {k.DuckDbType}"))}}}";
        // No union_by_name: it would open every file's footer each time a query binds the view; one contract version's
        // files share one schema, so DuckDB reads the first file's.
        return $"CREATE OR REPLACE VIEW {Name(table)} AS SELECT {columns} FROM read_parquet({SqlText.PathList(cached.Files.Select(f => f.LocalPath))}, {options})";
    }

    private static string Name(CatalogTable table) => $"{SqlText.Identifier(table.Database)}.{SqlText.Identifier(table.Name)}";
}
