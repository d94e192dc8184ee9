namespace Lake.Aws.Athena;

public sealed class ListWorkGroupsRequest
{
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

public sealed class ListWorkGroupsResponse
{
    public List<WorkGroupSummary> WorkGroups { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class WorkGroupSummary
{
    public string? Name { get; set; }

    /// <summary><c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public string? State { get; set; }

    public string? Description { get; set; }

    public DateTime? CreationTime { get; set; }

    public EngineVersion? EngineVersion { get; set; }
}

public sealed class GetWorkGroupRequest
{
    public string WorkGroup { get; set; } = string.Empty;
}

public sealed class GetWorkGroupResponse
{
    public WorkGroup WorkGroup { get; set; } = new();
}

public sealed class WorkGroup
{
    public string Name { get; set; } = string.Empty;

    public string? State { get; set; }

    public WorkGroupConfiguration? Configuration { get; set; }

    public string? Description { get; set; }

    public DateTime? CreationTime { get; set; }
}

public sealed class WorkGroupConfiguration
{
    /// <summary>Where the workgroup's queries write results unless a query says otherwise.</summary>
    public ResultConfiguration? ResultConfiguration { get; set; }

    public bool? EnforceWorkGroupConfiguration { get; set; }

    public bool? PublishCloudWatchMetricsEnabled { get; set; }

    public long? BytesScannedCutoffPerQuery { get; set; }

    public bool? RequesterPaysEnabled { get; set; }

    public EngineVersion? EngineVersion { get; set; }
}
