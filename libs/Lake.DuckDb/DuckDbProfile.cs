using System.Text.Json;
using DuckDB.NET.Data;

namespace Lake.DuckDb;

/// <summary>
/// A node of the profile DuckDB writes for each statement of a connection that profiles to a JSON file (see
/// <see cref="Enable"/>): the root holds query-wide metrics (<c>query_name</c>, <c>rows_returned</c>, <c>latency</c>,
/// ...), each child one operator (<c>operator_type</c>, <c>operator_cardinality</c>, ...) with its
/// <see cref="ExtraInfo"/> (a <c>TABLE_SCAN</c>'s <c>Function</c>, <c>Filename(s)</c>, <c>Total Files Read</c>, ...).
/// DuckDB.NET has no binding for the C API's <c>duckdb_get_profiling_info</c>, so Lake reads the file DuckDB writes
/// when a statement ends (before DuckDB.NET's execute call returns).
/// </summary>
public sealed record DuckDbProfile(
    IReadOnlyDictionary<string, string> Metrics, IReadOnlyDictionary<string, string> ExtraInfo, IReadOnlyList<DuckDbProfile> Children)
{
    /// <summary>The operator's type, e.g. <c>TABLE_SCAN</c>; null at the root.</summary>
    public string? OperatorType => Metrics.GetValueOrDefault("operator_type");

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<DuckDbProfile> Descendants() => Children.SelectMany(c => c.Descendants()).Prepend(this);

    /// <summary>
    /// Makes <paramref name="connection"/> write each statement's profile to <paramref name="file"/>, replacing the
    /// one before. Both are connection settings; with <c>enable_external_access = false</c> the file must lie in an
    /// <c>allowed_directories</c> entry, else DuckDB fails every statement.
    /// </summary>
    public static void Enable(DuckDBConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SET enable_profiling = 'json'; SET profiling_output = {SqlText.Path(file)}";
        command.ExecuteNonQuery();
    }

    /// <summary>The profile in <paramref name="file"/>; null when there is none.</summary>
    public static DuckDbProfile? Read(string file) => File.Exists(file) ? Parse(File.ReadAllText(file)) : null;

    public static DuckDbProfile Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Node(document.RootElement);
    }

    private static DuckDbProfile Node(JsonElement node)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        var extraInfo = new Dictionary<string, string>(StringComparer.Ordinal);
        var children = new List<DuckDbProfile>();
        foreach (var property in node.EnumerateObject())
        {
            switch (property.Name, property.Value.ValueKind)
            {
                case ("children", JsonValueKind.Array):
                    children.AddRange(property.Value.EnumerateArray().Select(Node));
                    break;
                case ("extra_info", JsonValueKind.Object):
                    foreach (var info in property.Value.EnumerateObject())
                    {
                        extraInfo[info.Name] = Text(info.Value);
                    }

                    break;
                default:
                    metrics[property.Name] = Text(property.Value);
                    break;
            }
        }

        return new DuckDbProfile(metrics, extraInfo, children);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
