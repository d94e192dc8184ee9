using System.Text.Json;
using Lake.Processes;
using Lake.Testing;

namespace Lake.AwsEmulator.Tests;

/// <summary>
/// Where <c>lake_moto.py</c> replaces a slow piece of moto (a table Query, ReceiveMessage, a bucket LIST), the answers
/// stay what DynamoDB, SQS and S3 give, seen through the AWS CLI: a Query returns its hash key's items only, in range
/// order either way, paged by its limit; a receive returns the queue's messages once each, counted as received; a LIST
/// returns exactly its prefix's keys, paged. The speed itself is the bench's (AppHost README), never asserted here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MotoCorrectionsTests : IAsyncLifetime
{
    private MotoServer _server = null!;

    private AwsCli Cli => new(_server.Endpoint, EmulatorFixture.Region, EmulatorFixture.AccessKey, EmulatorFixture.SecretKey);

    public async Task InitializeAsync() =>
        _server = await MotoServer.StartAsync(new MotoServerOptions { Executable = RepoPaths.EmulatorLauncher, Port = FreePort.Pick() });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AQueryReturnsItsHashKeysItemsOnlyInRangeOrderAndPages()
    {
        var table = TestNames.Unique("query");
        await Cli.RunAsync("dynamodb", "create-table", "--table-name", table, "--billing-mode", "PAY_PER_REQUEST",
            "--attribute-definitions", "AttributeName=Id,AttributeType=S", "AttributeName=Sk,AttributeType=S",
            "--key-schema", "AttributeName=Id,KeyType=HASH", "AttributeName=Sk,KeyType=RANGE");
        foreach (var id in new[] { "b", "a", "c" })
        {
            foreach (var sk in new[] { "3", "1", "2", "5", "4" })
            {
                await Cli.RunAsync("dynamodb", "put-item", "--table-name", table, "--item", Item(id, sk));
            }
        }

        Assert.Equal(["1", "2", "3", "4", "5"], await QueryAsync(table, "b"));
        Assert.Equal(["5", "4", "3", "2", "1"], await QueryAsync(table, "b", "--no-scan-index-forward"));
        Assert.Equal(["2", "3"], await QueryAsync(table, "a", "--key-condition-expression", "Id = :id AND Sk BETWEEN :lo AND :hi",
            "--expression-attribute-values", """{":id": {"S": "a"}, ":lo": {"S": "2"}, ":hi": {"S": "3"}}"""));
        Assert.Empty(await QueryAsync(table, "nobody"));

        var first = (await Cli.RunAsync("dynamodb", "query", "--table-name", table, "--key-condition-expression", "Id = :id",
            "--expression-attribute-values", """{":id": {"S": "c"}}""", "--limit", "2", "--no-paginate"))!.Value;
        Assert.Equal(["1", "2"], Sks(first));
        var next = first.GetProperty("LastEvaluatedKey");
        var second = (await Cli.RunAsync("dynamodb", "query", "--table-name", table, "--key-condition-expression", "Id = :id",
            "--expression-attribute-values", """{":id": {"S": "c"}}""", "--limit", "2", "--no-paginate",
            "--exclusive-start-key", next.GetRawText()))!.Value;
        Assert.Equal(["3", "4"], Sks(second));
    }

    [Fact]
    public async Task AReceiveReturnsEachQueuedMessageOnceCountedAsReceived()
    {
        var url = (await Cli.RunAsync("sqs", "create-queue", "--queue-name", TestNames.Unique("receive")))!.Value.GetProperty("QueueUrl").GetString()!;
        for (var batch = 0; batch < 5; batch++)
        {
            var entries = Enumerable.Range(0, 10).Select(i => new { Id = $"m{i}", MessageBody = $"message {batch * 10 + i}" });
            await Cli.RunAsync("sqs", "send-message-batch", "--queue-url", url, "--entries", JsonSerializer.Serialize(entries));
        }

        var bodies = new List<string>();
        for (var receive = 0; receive < 6; receive++)
        {
            var received = await Cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                "--visibility-timeout", "600", "--attribute-names", "ApproximateReceiveCount");
            foreach (var message in received is { } r && r.TryGetProperty("Messages", out var messages) ? messages.EnumerateArray() : [])
            {
                Assert.Equal("1", message.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
                bodies.Add(message.GetProperty("Body").GetString()!);
            }
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"message {i}").Order(), bodies.Order());
    }

    [Fact]
    public async Task AListReturnsExactlyItsPrefixsKeysPaged()
    {
        var bucket = TestNames.Unique("list");
        await Cli.RunAsync("s3api", "create-bucket", "--bucket", bucket);
        var file = Path.GetTempFileName();
        try
        {
            foreach (var key in new[] { "keys/a/2.parquet", "keys/a/1.parquet", "keys/b/1.parquet", "keys/a/3.parquet", "data/keys/a/9.parquet" })
            {
                await Cli.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file);
            }
        }
        finally
        {
            File.Delete(file);
        }

        var page = (await Cli.RunAsync("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "keys/a/", "--max-keys", "2", "--no-paginate"))!.Value;
        Assert.Equal(["keys/a/1.parquet", "keys/a/2.parquet"], Keys(page));
        var rest = (await Cli.RunAsync("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "keys/a/",
            "--continuation-token", page.GetProperty("NextContinuationToken").GetString()!))!.Value;
        Assert.Equal(["keys/a/3.parquet"], Keys(rest));
        var folders = (await Cli.RunAsync("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "keys/", "--delimiter", "/"))!.Value;
        Assert.Equal(["keys/a/", "keys/b/"], folders.GetProperty("CommonPrefixes").EnumerateArray().Select(p => p.GetProperty("Prefix").GetString()!));
    }

    private async Task<List<string>> QueryAsync(string table, string id, params string[] more)
    {
        string[] args = more.Contains("--key-condition-expression")
            ? ["dynamodb", "query", "--table-name", table, .. more]
            : ["dynamodb", "query", "--table-name", table, "--key-condition-expression", "Id = :id",
                "--expression-attribute-values", $$$"""{":id": {"S": "{{{id}}}"}}""", .. more];
        var answer = (await Cli.RunAsync(args))!.Value;
        Assert.All(answer.GetProperty("Items").EnumerateArray(), i => Assert.Equal(id, i.GetProperty("Id").GetProperty("S").GetString()));
        return Sks(answer);
    }

    private static List<string> Sks(JsonElement answer) =>
        [.. answer.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Sk").GetProperty("S").GetString()!)];

    private static List<string> Keys(JsonElement answer) =>
        [.. answer.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()!)];

    private static string Item(string id, string sk) => $$$"""{"Id": {"S": "{{{id}}}"}, "Sk": {"S": "{{{sk}}}"}}""";
}
