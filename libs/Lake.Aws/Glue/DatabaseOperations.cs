namespace Lake.Aws.Glue;

public sealed class DatabaseInput
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? LocationUri { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

public sealed class Database
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? LocationUri { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];

    public DateTime? CreateTime { get; set; }
}

public sealed class CreateDatabaseRequest
{
    public DatabaseInput DatabaseInput { get; set; } = new();
}

public sealed class CreateDatabaseResponse;

public sealed class GetDatabaseRequest
{
    public string Name { get; set; } = string.Empty;
}

public sealed class GetDatabaseResponse
{
    public Database Database { get; set; } = new();
}
