using Lake.DuckDb;

namespace Lake.Transform.Tests;

/// <summary>Reads what a conversion wrote with a DuckDB of the test's own: only plain SELECTs over the Parquet files.</summary>
internal static class ParquetFiles
{
    public static List<Dictionary<string, object?>> Query(string sql)
    {
        using var database = DuckDbDatabase.Open(null);
        using var connection = database.Connect();
        using var reader = connection.Query(sql);
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
        }

        return rows;
    }

    public static T? Scalar<T>(string sql)
    {
        using var database = DuckDbDatabase.Open(null);
        using var connection = database.Connect();
        return connection.ExecuteScalar<T>(sql);
    }
}
