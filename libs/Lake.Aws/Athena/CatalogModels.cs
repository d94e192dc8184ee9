namespace Lake.Aws.Athena;

public sealed class ListDataCatalogsRequest
{
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListDataCatalogsResponse
{
    public List<DataCatalogSummary> DataCatalogsSummary { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class DataCatalogSummary
{
    public string? CatalogName { get; set; }

    /// <summary><c>GLUE</c>, <c>HIVE</c> or <c>LAMBDA</c>.</summary>
    public string? Type { get; set; }
}

public sealed class ListDatabasesRequest
{
    public string CatalogName { get; set; } = string.Empty;

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListDatabasesResponse
{
    public List<Database> DatabaseList { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class Database
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

public sealed class ListTableMetadataRequest
{
    public string CatalogName { get; set; } = string.Empty;

    public string DatabaseName { get; set; } = string.Empty;

    /// <summary>A regular expression over table names.</summary>
    public string? Expression { get; set; }

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListTableMetadataResponse
{
    public List<TableMetadata> TableMetadataList { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class GetTableMetadataRequest
{
    public string CatalogName { get; set; } = string.Empty;

    public string DatabaseName { get; set; } = string.Empty;

    public string TableName { get; set; } = string.Empty;

    public string? WorkGroup { get; set; }
}

public sealed class GetTableMetadataResponse
{
    public TableMetadata TableMetadata { get; set; } = new();
}

/// <summary>A catalog table: its columns and partition keys with their Hive types.</summary>
public sealed class TableMetadata
{
    public string Name { get; set; } = string.Empty;

    public DateTime? CreateTime { get; set; }

    public DateTime? LastAccessTime { get; set; }

    public string? TableType { get; set; }

    public List<Column> Columns { get; set; } = [];

    public List<Column> PartitionKeys { get; set; } = [];

    public Dictionary<string, string> Parameters { get; set; } = [];
}

/// <summary>A column with its Hive type (<c>string</c>, <c>decimal(12,2)</c>, ...).</summary>
public sealed class Column
{
    public string Name { get; set; } = string.Empty;

    public string? Type { get; set; }

    public string? Comment { get; set; }
}
