using Lake.Aws.Athena;
using Lake.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Athena;

/// <summary>
/// The workgroups the service answers to: the lake's (<c>Lake:AthenaWorkGroup</c>, the one <c>infra/template.yaml</c>
/// creates on AWS) and <c>primary</c> (every account's default), alike, with one result location:
/// <c>Athena:OutputLocation</c>, else the results bucket the provisioner creates (<c>Lake:Buckets:AthenaResults</c>).
/// </summary>
public sealed class AthenaWorkGroups(IOptions<AthenaOptions> options, IOptions<LakeOptions> lake, TimeProvider time)
{
    public const string Primary = "primary";
    public const string Catalog = "AwsDataCatalog";

    public static EngineVersion Engine => new() { SelectedEngineVersion = "AUTO", EffectiveEngineVersion = "Athena engine version 3" };

    private readonly DateTime _createdAt = time.GetUtcNow().UtcDateTime;

    /// <summary>The workgroups' names, the lake's first.</summary>
    public IReadOnlyList<string> Names { get; } = lake.Value.AthenaWorkGroup == Primary ? [Primary] : [lake.Value.AthenaWorkGroup, Primary];

    /// <summary>Where queries write results unless a query names a location: <c>s3://bucket/prefix/</c>.</summary>
    public string OutputLocation { get; } = Normalize(options.Value.OutputLocation ?? $"s3://{lake.Value.Buckets.AthenaResults}/");

    /// <summary>The workgroup's name, <c>primary</c> when none is given.</summary>
    /// <exception cref="AthenaException">No such workgroup.</exception>
    public string Resolve(string? workGroup) =>
        string.IsNullOrEmpty(workGroup) ? Primary
        : Names.Contains(workGroup, StringComparer.Ordinal) ? workGroup
        : throw AthenaException.InvalidRequest($"WorkGroup {workGroup} is not found.");

    public WorkGroup Describe(string name) => new()
    {
        Name = Resolve(name),
        State = "ENABLED",
        Description = Description,
        CreationTime = _createdAt,
        Configuration = new WorkGroupConfiguration
        {
            ResultConfiguration = new ResultConfiguration { OutputLocation = OutputLocation },
            EnforceWorkGroupConfiguration = false,
            PublishCloudWatchMetricsEnabled = false,
            RequesterPaysEnabled = false,
            EngineVersion = Engine,
        },
    };

    public IEnumerable<WorkGroupSummary> Summaries() => Names.Select(name => new WorkGroupSummary
    {
        Name = name,
        State = "ENABLED",
        Description = Description,
        CreationTime = _createdAt,
        EngineVersion = Engine,
    });

    /// <summary>An <c>s3://</c> location with a trailing slash.</summary>
    public static string Normalize(string location) => location.EndsWith('/') ? location : location + "/";

    private const string Description = "The query service: DuckDB over the lake's catalog.";
}
