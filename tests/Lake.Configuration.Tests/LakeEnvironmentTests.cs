using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.Configuration.Tests;

[Trait("Category", "Unit")]
public sealed class LakeEnvironmentTests
{
    [Fact]
    public void AChildProcessReadsBackEveryNameItWasGiven()
    {
        var options = new LakeOptions
        {
            Buckets = new BucketNames { Raw = "r-raw", Clean = "r-clean", Rejected = "r-rejected", Curated = "r-curated", Quarantine = "r-quarantine" },
            Queues = new QueueNames
            {
                Validate = new WorkQueue { Name = "v", DeadLetterName = "v-dead", VisibilityTimeoutSeconds = 7 },
                Transform = new WorkQueue { Name = "t", VisibilityTimeoutSeconds = 9 },
                MaxReceiveCount = 5,
            },
            AlertsTopic = "alerts-x",
            GlueDatabase = "db_x",
            StatusTable = "status-x",
            ContractsDirectory = "/tmp/contracts",
        };

        var readBack = ReadAsAChildProcessWould(LakeEnvironment.Of(options));

        Assert.Equal(JsonSerializer.Serialize(options), JsonSerializer.Serialize(readBack));
    }

    [Fact]
    public void UnsetOptionalNamesAreNotWrittenSoTheChildKeepsItsDefaults()
    {
        var environment = LakeEnvironment.Of(new LakeOptions());

        Assert.DoesNotContain("Lake__ContractsDirectory", environment.Keys);
        Assert.DoesNotContain("Lake__Queues__Validate__DeadLetterName", environment.Keys);
        Assert.Equal("lake-raw", environment["Lake__Buckets__Raw"]);
        Assert.Equal("300", environment["Lake__Queues__Transform__VisibilityTimeoutSeconds"]);
    }

    [Fact]
    public void ABadNameFailsWithItsKey()
    {
        var options = new LakeOptions { AlertsTopic = "has space", Buckets = new BucketNames { Curated = "Upper_Case" } };

        var error = Assert.Throws<OptionsValidationException>(() => LakeOptionsValidator.EnsureValid(options));

        Assert.Contains(error.Failures, f => f.StartsWith("Lake:AlertsTopic 'has space'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Lake:Buckets:Curated 'Upper_Case'", StringComparison.Ordinal));
    }

    /// <summary>As <c>AddEnvironmentVariables</c> does: <c>__</c> separates sections.</summary>
    private static LakeOptions ReadAsAChildProcessWould(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build()
            .LakeOptions();
}
