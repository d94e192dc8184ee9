namespace Lake.QueryService.Sandbox;

/// <summary>Quoting for the SQL the service writes itself (view definitions, settings).</summary>
public static class SqlText
{
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
