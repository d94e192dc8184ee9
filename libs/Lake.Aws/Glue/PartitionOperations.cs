namespace Lake.Aws.Glue;

public sealed class PartitionInput
{
    /// <summary>One value per partition key, in the table's key order.</summary>
    public List<string> Values { get; set; } = [];

    public StorageDescriptor? StorageDescriptor { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

public sealed class Partition
{
    public List<string> Values { get; set; } = [];

    public string DatabaseName { get; set; } = string.Empty;

    public string TableName { get; set; } = string.Empty;

    public StorageDescriptor? StorageDescriptor { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];

    public DateTime? CreationTime { get; set; }
}

public sealed class BatchCreatePartitionRequest
{
    public string DatabaseName { get; set; } = string.Empty;

    public string TableName { get; set; } = string.Empty;

    /// <summary>Up to 100 partitions per call.</summary>
    public List<PartitionInput> PartitionInputList { get; set; } = [];
}

/// <summary>Partitions that were not created (e.g. <c>AlreadyExistsException</c>); the others were.</summary>
public sealed class BatchCreatePartitionResponse
{
    public List<PartitionError> Errors { get; set; } = [];
}

public sealed class PartitionError
{
    public List<string> PartitionValues { get; set; } = [];

    public ErrorDetail ErrorDetail { get; set; } = new();
}

public sealed class ErrorDetail
{
    public string ErrorCode { get; set; } = string.Empty;

    public string? ErrorMessage { get; set; }
}

public sealed class GetPartitionsRequest
{
    public string DatabaseName { get; set; } = string.Empty;

    public string TableName { get; set; } = string.Empty;

    /// <summary>A filter over partition keys, e.g. <c>order_date = '2024-06-01'</c>.</summary>
    public string? Expression { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public sealed class GetPartitionsResponse
{
    public List<Partition> Partitions { get; set; } = [];

    public string? NextToken { get; set; }
}
