using Lake.Testing;
using Lake.Uploads;

namespace Lake.Ingestion.Tests;

/// <summary>
/// A provisioned lake in moto, the Lambda emulator running the real validate function fed by the lake's validate
/// queue (as the AppHost wires it), and the ingest API: each a real process.
/// </summary>
public sealed class IngestionFixture : IAsyncLifetime
{
    public const string ApiKey = "ingestion-test-key";

    /// <summary>How long a failed message stays invisible before its next receive: short, so a poison message reaches the DLQ quickly.</summary>
    private const int RetryAfterSeconds = 5;

    private readonly EmulatorFixture _aws = new();

    public EmulatorFixture Aws => _aws;

    public TestLake Lake { get; private set; } = null!;

    public ServiceProcess LambdaEmulator { get; private set; } = null!;

    public ServiceProcess IngestApi { get; private set; } = null!;

    public UploadStatusStore Status => new(Lake.Clients.DynamoDb, Lake.Options.StatusTable);

    /// <summary>The AWS CLI pointed at the Lambda emulator's Invoke API.</summary>
    public AwsCli LambdaCli => new(LambdaEmulator.BaseAddress, EmulatorFixture.Region, EmulatorFixture.AccessKey, EmulatorFixture.SecretKey);

    public async Task InitializeAsync()
    {
        await _aws.InitializeAsync();
        Lake = new TestLake(_aws);
        await Lake.Provisioner.ProvisionAsync();
        LambdaEmulator = await ValidateFunctionHost.StartAsync(_aws.AwsEnvironment, Lake.Options, RetryAfterSeconds);
        IngestApi = await ServiceProcess.StartAsync("services/Lake.IngestApi", ServiceEnvironment.For(_aws.AwsEnvironment, Lake.Options, ("IngestApi__ApiKeys__0", ApiKey)));
    }

    /// <summary>Waits until the validate function has decided on the upload (validated, rejected or failed) and returns its status.</summary>
    public async Task<UploadStatus> ValidationOutcomeAsync(UploadId id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        UploadStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await Status.GetAsync(id);
            if (status is { Stage: >= UploadStage.Validated })
            {
                return status;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Upload {id} is still {status?.Stage.ToString() ?? "unknown"}. Lambda emulator's last lines:\n{string.Join('\n', LambdaEmulator.Output.TakeLast(20))}");
    }

    public async Task DisposeAsync()
    {
        if (IngestApi is not null)
        {
            await IngestApi.DisposeAsync();
        }

        if (LambdaEmulator is not null)
        {
            await LambdaEmulator.DisposeAsync();
        }

        Lake?.Dispose();
        await _aws.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IngestionCollection : ICollectionFixture<IngestionFixture>
{
    public const string Name = "ingestion";
}
