using Lake.Aws.Telemetry;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Functions.Validate.Uploads;
using Lake.Lambda;
using Lake.Lambda.Bootstrap;
using Lake.Lambda.Client;
using Lake.Lambda.Telemetry;
using Lake.Uploads;

namespace Lake.Functions.Validate;

/// <summary>
/// The function's init phase and handler. Init reads the standard settings (DESIGN §3) and the dataset contracts;
/// a bad setting or contract fails init, which Lambda reports as <c>Runtime.InitError</c> with the message.
/// </summary>
public sealed class ValidateStartup(string[] args) : IDisposable
{
    private LakeAwsClients? _clients;
    private FunctionTelemetry? _telemetry;
    private LambdaBootstrapHandler? _handler;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var configuration = LakeConfiguration.Build(args);
        var lake = configuration.LakeOptions();
        LakeOptionsValidator.EnsureValid(lake);
        var contracts = ContractCatalog.Load(lake.ContractsDirectory);

        _telemetry = FunctionTelemetry.Start(configuration["OTEL_SERVICE_NAME"] ?? "validate");
        AwsSdkTracing.Enable();
        _clients = new LakeAwsClients();
        var validator = new UploadValidator(
            _clients.S3, _clients.Sns, new UploadStatusStore(_clients.DynamoDb, lake.StatusTable), new ContractDatasetRules(contracts), lake.Buckets);
        var function = new ValidateFunction(validator, _clients.Sns, lake.AlertsTopic, lake.Queues.MaxReceiveCount);
        _handler = TypedHandler.For(function.HandleAsync, LambdaJsonContext.Default.SQSEvent, LambdaJsonContext.Default.SQSBatchResponse);
        Console.WriteLine($"{{\"level\":\"info\",\"message\":\"validate function ready\",\"datasets\":\"{string.Join(',', contracts.Keys)}\"}}");
        return Task.CompletedTask;
    }

    public async Task<InvocationResponse> HandleAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var handler = _handler ?? throw new InvalidOperationException("The function was invoked before its init phase ran.");
        try
        {
            return await handler(invocation, cancellationToken);
        }
        finally
        {
            // Lambda may freeze the process between invocations: what this one traced leaves now.
            _telemetry?.Flush();
        }
    }

    public void Dispose()
    {
        _telemetry?.Dispose();
        _clients?.Dispose();
    }
}
