using Amazon.Extensions.NETCore.Setup;
using Lake.Configuration;
using Lake.Provisioning;

namespace Lake.Testing;

/// <summary>A lake whose every resource name carries one test's unique prefix.</summary>
public sealed class TestLake : IDisposable
{
    public TestLake(EmulatorFixture emulator)
    {
        Options = OptionsFor(TestNames.Unique("lake"));
        AwsOptions = emulator.AwsOptions;
        Clients = new LakeAwsClients(AwsOptions);
    }

    /// <summary>What points the SDK's clients (and Lake's) at the emulator: register it with <c>AddDefaultAWSOptions</c>.</summary>
    public AWSOptions AwsOptions { get; }

    public LakeOptions Options { get; }

    /// <summary>Every resource name starts with <paramref name="prefix"/> (Glue's with '-' as '_', which it requires).</summary>
    public static LakeOptions OptionsFor(string prefix) => new()
    {
        Buckets = new BucketNames
        {
            Raw = $"{prefix}-raw", Clean = $"{prefix}-clean", Rejected = $"{prefix}-rejected",
            Curated = $"{prefix}-curated", Quarantine = $"{prefix}-quarantine", AthenaResults = $"{prefix}-athena-results",
        },
        Queues = new QueueNames
        {
            Validate = new WorkQueue { Name = $"{prefix}-validate", VisibilityTimeoutSeconds = 30 },
            Transform = new WorkQueue { Name = $"{prefix}-transform", VisibilityTimeoutSeconds = 120 },
        },
        AlertsTopic = $"{prefix}-alerts",
        AlertsInbox = $"{prefix}-alerts-inbox",
        GlueDatabase = prefix.Replace('-', '_'),
        AthenaWorkGroup = $"{prefix}-athena",
        StatusTable = $"{prefix}-uploads",
        ServingTablePrefix = $"{prefix}-",
    };

    public LakeAwsClients Clients { get; }

    public LakeProvisioner Provisioner => new(Options, Clients);

    public void Dispose() => Clients.Dispose();
}
