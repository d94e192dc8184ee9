using Lake.Testing;

namespace Lake.Provisioning.Tests;

/// <summary>The provisioner as the AppHost runs it: a process configured only by environment variables.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ProvisionerProcessTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task ProvisionsFromStandardAwsAndLakeSettingsAndPrintsWhatItDid()
    {
        var prefix = TestNames.Unique("proc");
        var environment = LakeEnvironment(prefix);

        var first = await RunProvisionerAsync(environment);
        var second = await RunProvisionerAsync(environment);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains($"Created    S3 bucket", first.Stdout);
        Assert.Contains($"{prefix}-raw", first.Stdout);
        Assert.Contains("0 updated, 0 unchanged.", first.Stdout);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("0 created, 0 updated,", second.Stdout);
        var queue = await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", $"{prefix}-validate-dlq");
        Assert.NotNull(queue);
    }

    [Fact]
    public async Task ABadSettingExitsNonZeroWithOneLineNamingIt()
    {
        var environment = LakeEnvironment(TestNames.Unique("bad"));
        environment["Lake__Queues__MaxReceiveCount"] = "0";

        var result = await RunProvisionerAsync(environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Lake:Queues:MaxReceiveCount", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task AnUnreachableEndpointExitsNonZeroWithoutAStackTrace()
    {
        var environment = LakeEnvironment(TestNames.Unique("down"));
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";

        var result = await RunProvisionerAsync(environment);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("provisioning failed:", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    private Dictionary<string, string?> LakeEnvironment(string prefix)
    {
        var environment = emulator.AwsEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value);
        var lake = TestLake.OptionsFor(prefix);
        foreach (var (role, bucket) in lake.Buckets.All)
        {
            environment[$"Lake__Buckets__{role}"] = bucket;
        }

        environment["Lake__Queues__Validate__Name"] = lake.Queues.Validate.Name;
        environment["Lake__Queues__Transform__Name"] = lake.Queues.Transform.Name;
        environment["Lake__AlertsTopic"] = lake.AlertsTopic;
        environment["Lake__GlueDatabase"] = lake.GlueDatabase;
        environment["Lake__StatusTable"] = lake.StatusTable;
        return environment;
    }

    private static Task<ProcessResult> RunProvisionerAsync(IReadOnlyDictionary<string, string?> environment) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.BuiltAssembly("services/Lake.Provisioner")], environment);
}
