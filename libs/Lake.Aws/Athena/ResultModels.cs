namespace Lake.Aws.Athena;

public sealed class GetQueryResultsRequest
{
    public string QueryExecutionId { get; set; } = string.Empty;

    /// <summary>1-1000 rows per page (the header row counts on the first); 1000 unless set.</summary>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

public sealed class GetQueryResultsResponse
{
    /// <summary>0 for a query.</summary>
    public long? UpdateCount { get; set; }

    public ResultSet ResultSet { get; set; } = new();

    public string? NextToken { get; set; }
}

/// <summary>A page of rows; on the first page of a SELECT the first row holds the column names.</summary>
public sealed class ResultSet
{
    public List<Row> Rows { get; set; } = [];

    public ResultSetMetadata? ResultSetMetadata { get; set; }
}

public sealed class Row
{
    public List<Datum> Data { get; set; } = [];
}

/// <summary>One value as text; <see cref="VarCharValue"/> is null for SQL NULL.</summary>
public sealed class Datum
{
    public string? VarCharValue { get; set; }
}

public sealed class ResultSetMetadata
{
    public List<ColumnInfo> ColumnInfo { get; set; } = [];
}

/// <summary>A result column with its Athena (Trino) type: <c>varchar</c>, <c>bigint</c>, <c>decimal</c>, <c>date</c>, ...</summary>
public sealed class ColumnInfo
{
    public string? CatalogName { get; set; }

    public string? SchemaName { get; set; }

    public string? TableName { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Label { get; set; }

    public string Type { get; set; } = string.Empty;

    public int? Precision { get; set; }

    public int? Scale { get; set; }

    /// <summary><c>NOT_NULL</c>, <c>NULLABLE</c> or <c>UNKNOWN</c>.</summary>
    public string? Nullable { get; set; }

    public bool? CaseSensitive { get; set; }
}
