namespace Lake.Aws.Glue;

public sealed class TableInput
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>e.g. <c>EXTERNAL_TABLE</c>.</summary>
    public string? TableType { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];

    public List<Column> PartitionKeys { get; set; } = [];

    public StorageDescriptor? StorageDescriptor { get; set; }
}

public sealed class Table
{
    public string Name { get; set; } = string.Empty;

    public string DatabaseName { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? TableType { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];

    public List<Column> PartitionKeys { get; set; } = [];

    public StorageDescriptor? StorageDescriptor { get; set; }

    public DateTime? CreateTime { get; set; }

    public DateTime? UpdateTime { get; set; }

    /// <summary>The table version; each <see cref="GlueClient.UpdateTableAsync"/> makes a new one.</summary>
    public string? VersionId { get; set; }
}

public sealed class CreateTableRequest
{
    public string DatabaseName { get; set; } = string.Empty;

    public TableInput TableInput { get; set; } = new();
}

public sealed class CreateTableResponse;

public sealed class GetTableRequest
{
    public string DatabaseName { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}

public sealed class GetTableResponse
{
    public Table Table { get; set; } = new();
}

public sealed class GetTablesRequest
{
    public string DatabaseName { get; set; } = string.Empty;

    /// <summary>A regular expression over table names.</summary>
    public string? Expression { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public sealed class GetTablesResponse
{
    public List<Table> TableList { get; set; } = [];

    public string? NextToken { get; set; }
}

/// <summary>Replaces the table's definition with <see cref="TableInput"/> (matched by its name).</summary>
public sealed class UpdateTableRequest
{
    public string DatabaseName { get; set; } = string.Empty;

    public TableInput TableInput { get; set; } = new();
}

public sealed class UpdateTableResponse;
