using System.Net;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Lake.Testing;

namespace Lake.AwsEmulator.Tests;

/// <summary>
/// The emulator the AppHost runs (<c>lake_moto.py</c>) checks SigV4 as AWS does, seen through the AWS CLI and the .NET
/// SDK as independent clients: the right secret works, a wrong one, a tampered or expired URL or no signature is refused
/// with the service's error code; a form-typed PUT stores exactly its bytes.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class SignatureGateTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private readonly string _bucket = TestNames.Unique("gate");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync() => await emulator.Cli.RunAsync("s3api", "create-bucket", "--bucket", _bucket);

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheCliWithTheRightSecretWorksWithAWrongOneIsSignatureDoesNotMatch()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "a,b\n1,2\n");
        await emulator.Cli.RunRawAsync("s3", "cp", file, $"s3://{_bucket}/right/a b=c+d.csv");

        var wrong = new AwsCli(emulator.Endpoint, EmulatorFixture.Region, EmulatorFixture.AccessKey, "wrong-secret");
        var s3 = await Assert.ThrowsAsync<AwsCliException>(() => wrong.RunRawAsync("s3", "cp", file, $"s3://{_bucket}/wrong.csv"));
        var sqs = await Assert.ThrowsAsync<AwsCliException>(() => wrong.RunAsync("sqs", "list-queues"));
        var sns = await Assert.ThrowsAsync<AwsCliException>(() => wrong.RunAsync("sns", "list-topics"));
        var dynamo = await Assert.ThrowsAsync<AwsCliException>(() => wrong.RunAsync("dynamodb", "list-tables"));
        var glue = await Assert.ThrowsAsync<AwsCliException>(() => wrong.RunAsync("glue", "get-databases"));

        Assert.Contains("SignatureDoesNotMatch", s3.Stderr);
        Assert.Contains("SignatureDoesNotMatch", sqs.Stderr);
        Assert.Contains("SignatureDoesNotMatch", sns.Stderr);
        Assert.Contains("InvalidSignatureException", dynamo.Stderr);
        Assert.Contains("SignatureDoesNotMatch", glue.Stderr);
        var listed = await emulator.Cli.RunRawAsync("s3", "ls", $"s3://{_bucket}/", "--recursive");
        Assert.Contains("right/a b=c+d.csv", listed);
        Assert.DoesNotContain("wrong.csv", listed);
    }

    [Fact]
    public async Task TheSdkWithAWrongSecretOrAnUnknownKeyIsRefusedForEveryService()
    {
        using var wrongS3 = new AmazonS3Client(Credentials(EmulatorFixture.AccessKey, "wrong-secret"), S3Config());
        using var unknownS3 = new AmazonS3Client(Credentials("AKIANOBODY", EmulatorFixture.SecretKey), S3Config());
        using var wrongSqs = new AmazonSQSClient(Credentials(EmulatorFixture.AccessKey, "wrong-secret"), new AmazonSQSConfig { ServiceURL = Url, AuthenticationRegion = EmulatorFixture.Region });
        using var wrongDynamo = new AmazonDynamoDBClient(Credentials(EmulatorFixture.AccessKey, "wrong-secret"), new AmazonDynamoDBConfig { ServiceURL = Url, AuthenticationRegion = EmulatorFixture.Region });

        var put = await Assert.ThrowsAsync<AmazonS3Exception>(() => wrongS3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "x.csv", ContentBody = "a\n1\n" }));
        var unknown = await Assert.ThrowsAsync<AmazonS3Exception>(() => unknownS3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket }));
        var sqs = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => wrongSqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest()));
        var dynamo = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => wrongDynamo.ListTablesAsync());

        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (put.ErrorCode, put.StatusCode));
        Assert.Equal(("InvalidAccessKeyId", HttpStatusCode.Forbidden), (unknown.ErrorCode, unknown.StatusCode));
        Assert.Equal("SignatureDoesNotMatch", sqs.ErrorCode);
        Assert.Equal("InvalidSignatureException", dynamo.ErrorCode);
        using var right = new AmazonS3Client(Credentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey), S3Config());
        Assert.Null((await right.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects);
    }

    [Fact]
    public async Task APresignedUrlWorksAsSignedAndIsRefusedWhenTamperedUnsignedOrExpired()
    {
        using var s3 = new AmazonS3Client(Credentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey), S3Config());
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = "presigned.csv", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(5), Metadata = { ["upload-id"] = "one" },
        });

        var zeroed = Regex.Replace(url, "X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + new string('0', 64));
        var dated2020 = Regex.Replace(Regex.Replace(url, @"X-Amz-Date=\d{8}T\d{6}Z", "X-Amz-Date=20200101T000000Z"), @"%2F\d{8}%2F", "%2F20200101%2F");
        var unsigned = url[..url.IndexOf('?', StringComparison.Ordinal)];

        await AssertRefusedAsync(zeroed, "one", HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await AssertRefusedAsync(url, "changed", HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await AssertRefusedAsync(dated2020, "one", HttpStatusCode.Forbidden, "AccessDenied", "Request has expired");
        await AssertRefusedAsync(unsigned, "one", HttpStatusCode.Forbidden, "AccessDenied");
        using (var asSigned = Put(url, "one", "a\n1\n"))
        {
            Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(asSigned)).StatusCode);
        }
    }

    [Fact]
    public async Task AnExpiredPresignedUrlIsAccessDeniedRequestHasExpired()
    {
        using var s3 = new AmazonS3Client(Credentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey), S3Config());
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = "any.csv", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddSeconds(1),
        });
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // waits out the URL's life; nothing is timed

        var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AccessDenied</Code>", body);
        Assert.Contains("<Message>Request has expired</Message>", body);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("multipart/form-data", true)]
    public async Task AFormTypedPutStoresExactlyTheBytesSent(string contentType, bool binary)
    {
        var bytes = binary ? RandomBytes(70_000) : "order_id,quantity\n1,3\n2,4\n"u8.ToArray();
        using var s3 = new AmazonS3Client(Credentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey), S3Config());
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = "form/presigned.bin", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
        });
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
        put.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(put)).StatusCode);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "form/sdk.bin", InputStream = new MemoryStream(bytes), ContentType = contentType });

        foreach (var key in new[] { "form/presigned.bin", "form/sdk.bin" })
        {
            using var stored = await s3.GetObjectAsync(_bucket, key);
            using var buffer = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(bytes, buffer.ToArray());
            Assert.Equal(contentType, stored.Headers.ContentType);
        }
    }

    [Fact]
    public async Task TheManagementApiAnswersHealthChecksButRefusesAnUnsignedReset()
    {
        Assert.True((await _http.GetAsync(new Uri(emulator.Endpoint, "/moto-api/"))).IsSuccessStatusCode);

        var reset = await _http.PostAsync(new Uri(emulator.Endpoint, "/moto-api/reset"), null);

        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Contains(_bucket, await emulator.Cli.RunRawAsync("s3", "ls"));
    }

    [Fact]
    public async Task TheReadinessPathAnswersUnsignedAndOnlyAtItsExactPath()
    {
        using var health = await _http.GetAsync(new Uri(emulator.Endpoint, "/lake/health"));
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(emulator.Endpoint, "/lake/health")));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        // Only the exact path: anything else under /lake is an unsigned AWS request, refused.
        using var other = await _http.GetAsync(new Uri(emulator.Endpoint, "/lake/health/x"));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    private string Url => emulator.Endpoint.ToString();

    private AmazonS3Config S3Config() => new() { ServiceURL = Url, ForcePathStyle = true, AuthenticationRegion = EmulatorFixture.Region };

    private static BasicAWSCredentials Credentials(string accessKey, string secret) => new(accessKey, secret);

    private static HttpRequestMessage Put(string url, string uploadId, string body)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(body) };
        put.Headers.TryAddWithoutValidation("x-amz-meta-upload-id", uploadId);
        return put;
    }

    private async Task AssertRefusedAsync(string url, string uploadId, HttpStatusCode status, string code, string? message = null)
    {
        using var put = Put(url, uploadId, "evil\n");
        var response = await _http.SendAsync(put);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status && body.Contains($"<Code>{code}</Code>", StringComparison.Ordinal), $"{url}: {(int)response.StatusCode} {body}");
        if (message is not null)
        {
            Assert.Contains($"<Message>{message}</Message>", body);
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(14).NextBytes(bytes);
        return bytes;
    }
}
