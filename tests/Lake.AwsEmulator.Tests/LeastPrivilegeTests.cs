using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lake.Testing;

namespace Lake.AwsEmulator.Tests;

/// <summary>
/// The emulator enforces <c>infra/template.yaml</c>'s managed policies for the keys bound to them (as the AppHost binds
/// each service's key), seen through the AWS CLI: a service may do what its policy allows and nothing else, with AWS's
/// AccessDenied; the administrator's key may do anything.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private const string IngestKey = "LAKEINGESTAPI";
    private const string TransformKey = "LAKETRANSFORM";
    private const string Secret = "least-privilege-test-secret";

    // The template's parameters for names unique to this test, so the policies name these resources and no others.
    private readonly string _raw = TestNames.Unique("lp-raw");
    private readonly string _curated = TestNames.Unique("lp-curated");
    private readonly string _statusTable = TestNames.Unique("lp-uploads");
    private readonly string _transformQueue = TestNames.Unique("lp-transform");
    private readonly string _file = Path.GetTempFileName();
    private MotoServer? _server;

    private AwsCli Admin => new(_server!.Endpoint, EmulatorFixture.Region, EmulatorFixture.AccessKey, EmulatorFixture.SecretKey);
    private AwsCli Ingest => new(_server!.Endpoint, EmulatorFixture.Region, IngestKey, Secret);
    private AwsCli Transform => new(_server!.Endpoint, EmulatorFixture.Region, TransformKey, Secret);

    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync(new MotoServerOptions
        {
            Executable = RepoPaths.EmulatorLauncher,
            Arguments =
            [
                "--credentials", $"{EmulatorFixture.AccessKey}:{EmulatorFixture.SecretKey}",
                "--template", Path.Combine(RepoPaths.Root, "infra", "template.yaml"),
                "--parameter", $"RawBucketName={_raw}", "--parameter", $"CuratedBucketName={_curated}",
                "--parameter", $"StatusTableName={_statusTable}", "--parameter", $"TransformQueueName={_transformQueue}",
                "--principal", $"{IngestKey}:{Secret}:IngestApiPolicy",
                "--principal", $"{TransformKey}:{Secret}:TransformPolicy",
            ],
        });
        await File.WriteAllTextAsync(_file, "order_id\n1\n");
        await Admin.RunAsync("s3api", "create-bucket", "--bucket", _raw);
        await Admin.RunAsync("s3api", "create-bucket", "--bucket", _curated);
        await Admin.RunAsync("sqs", "create-queue", "--queue-name", _transformQueue);
        await Admin.RunAsync("dynamodb", "create-table", "--table-name", _statusTable, "--billing-mode", "PAY_PER_REQUEST",
            "--attribute-definitions", "AttributeName=UploadId,AttributeType=S", "--key-schema", "AttributeName=UploadId,KeyType=HASH");
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task OnlyTheTransformMayWriteTheCuratedZone()
    {
        await Ingest.RunRawAsync("s3", "cp", _file, $"s3://{_raw}/raw/orders/a.csv");
        var refused = await Assert.ThrowsAsync<AwsCliException>(() => Ingest.RunRawAsync("s3", "cp", _file, $"s3://{_curated}/orders/evil.parquet"));
        await Transform.RunRawAsync("s3", "cp", _file, $"s3://{_curated}/orders/good.parquet");

        Assert.Contains("AccessDenied", refused.Stderr);
        Assert.Contains($"user/{IngestKey} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::{_curated}/orders/evil.parquet", refused.Stderr);
        var curated = await Admin.RunRawAsync("s3", "ls", $"s3://{_curated}/", "--recursive");
        Assert.Contains("orders/good.parquet", curated);
        Assert.DoesNotContain("evil", curated);
    }

    [Fact]
    public async Task AUrlPresignedByAServiceCarriesOnlyThatServicesRights()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(IngestKey, Secret), new AmazonS3Config
        {
            ServiceURL = _server!.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = EmulatorFixture.Region,
        });
        using var http = new HttpClient();

        async Task<HttpResponseMessage> PutAsync(string bucket, string key)
        {
            var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket, Key = key, Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
            });
            return await http.PutAsync(url, new StringContent("order_id\n1\n"));
        }

        using var raw = await PutAsync(_raw, "raw/orders/b.csv");
        using var curated = await PutAsync(_curated, "orders/evil.parquet");

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, curated.StatusCode);
        var refusal = await curated.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AccessDenied</Code>", refusal);
        Assert.Contains($"s3:PutObject on resource: arn:aws:s3:::{_curated}/orders/evil.parquet", refusal);
        Assert.DoesNotContain("evil", await Admin.RunRawAsync("s3", "ls", $"s3://{_curated}/", "--recursive"));
    }

    [Fact]
    public async Task QueuesTablesAndTheCatalogAreRefusedOutsideThePolicy()
    {
        var queueUrl = await Admin.QueueUrlAsync(_transformQueue);
        await Transform.RunAsync("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "0");
        await Ingest.RunAsync("dynamodb", "put-item", "--table-name", _statusTable, "--item", """{"UploadId":{"S":"u1"}}""");

        var receive = await Assert.ThrowsAsync<AwsCliException>(() => Ingest.RunAsync("sqs", "receive-message", "--queue-url", queueUrl));
        var scan = await Assert.ThrowsAsync<AwsCliException>(() => Ingest.RunAsync("dynamodb", "scan", "--table-name", _statusTable));
        var glue = await Assert.ThrowsAsync<AwsCliException>(() => Ingest.RunAsync("glue", "get-databases"));
        var topics = await Assert.ThrowsAsync<AwsCliException>(() => Transform.RunAsync("sns", "list-topics"));

        Assert.Contains("AccessDenied", receive.Stderr);
        Assert.Contains("sqs:ReceiveMessage", receive.Stderr);
        Assert.Contains("dynamodb:Scan", scan.Stderr);
        Assert.Contains("glue:GetDatabases", glue.Stderr);
        Assert.Contains("sns:ListTopics", topics.Stderr);
        Assert.Contains("u1", await Admin.RunRawAsync("dynamodb", "scan", "--table-name", _statusTable));
    }
}
