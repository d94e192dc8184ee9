using DuckDB.NET.Data;
using Lake.DuckDb;

namespace Lake.Transform.Tests;

/// <summary>Reads what a conversion wrote with a DuckDB of the test's own: only plain SELECTs over the Parquet files.</summary>
internal static class ParquetFiles
{
    public static List<Dictionary<string, object?>> Query(string sql)
    {
        using var connection = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        connection.Open();
        using var reader = connection.ExecuteReaderAsync(sql).GetAwaiter().GetResult();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetLakeValue));
        }

        return rows;
    }

    public static T? Scalar<T>(string sql)
    {
        using var connection = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        connection.Open();
        return connection.ExecuteScalarAsync<T>(sql).GetAwaiter().GetResult();
    }
}
