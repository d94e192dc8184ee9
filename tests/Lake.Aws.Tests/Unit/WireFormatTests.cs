using System.Net;
using System.Text.Json;
using Lake.Aws.Sns;

namespace Lake.Aws.Tests.Unit;

/// <summary>What goes on the wire, byte for byte where it matters; the emulator tests show the services accept it.</summary>
[Trait("Category", "Unit")]
public sealed class WireFormatTests
{
    private readonly StubClients _stub = new();

    [Fact]
    public async Task NullCollectionsInAResponseAreReadAsEmpty()
    {
        _stub.Handler.Then(HttpStatusCode.OK, """{"TableList":[{"Name":"orders","PartitionKeys":null,"Parameters":null}],"NextToken":null}""");
        using var glue = new Lake.Aws.Glue.GlueClient(_stub.Options(), _stub.Http());

        var response = await glue.GetTablesAsync(new Lake.Aws.Glue.GetTablesRequest { DatabaseName = "lake" });

        var table = Assert.Single(response.TableList);
        Assert.NotNull(table.PartitionKeys);
        Assert.NotNull(table.Parameters);
    }

    [Fact]
    public async Task AnSnsCallIsAQueryFormPostWithFlattenedMapsAndMessageAttributes()
    {
        _stub.Handler.Then(HttpStatusCode.OK, """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>abc-123</MessageId></PublishResult>
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </PublishResponse>
            """);
        using var sns = new SnsClient(_stub.Options(), _stub.Http());

        var response = await sns.PublishAsync(new PublishRequest
        {
            TopicArn = "arn:aws:sns:eu-west-1:1:t",
            Message = "a b&c=d/ü",
            MessageAttributes = { ["dataset"] = new() { DataType = "String", StringValue = "orders" } },
        });

        Assert.Equal("abc-123", response.MessageId);
        var request = Assert.Single(_stub.Handler.Requests);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal(
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A1%3At&Message=a%20b%26c%3Dd%2F%C3%BC"
            + "&MessageAttributes.entry.1.Name=dataset&MessageAttributes.entry.1.Value.DataType=String"
            + "&MessageAttributes.entry.1.Value.StringValue=orders",
            request.Body);
    }

    [Fact]
    public async Task SnsSubscribeFlattensItsAttributeMapIntoNumberedKeyValueEntries()
    {
        _stub.Handler.Then(HttpStatusCode.OK, "<SubscribeResponse><SubscribeResult><SubscriptionArn>arn:s</SubscriptionArn></SubscribeResult></SubscribeResponse>");
        using var sns = new SnsClient(_stub.Options(), _stub.Http());

        var response = await sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = "t",
            Protocol = "sqs",
            Endpoint = "q",
            Attributes = { ["RawMessageDelivery"] = "true", ["FilterPolicy"] = "{}" },
            ReturnSubscriptionArn = true,
        });

        Assert.Equal("arn:s", response.SubscriptionArn);
        var fields = _stub.Handler.Requests[0].Body.Split('&');
        Assert.Contains("Attributes.entry.1.key=RawMessageDelivery", fields);
        Assert.Contains("Attributes.entry.1.value=true", fields);
        Assert.Contains("Attributes.entry.2.key=FilterPolicy", fields);
        Assert.Contains("Attributes.entry.2.value=%7B%7D", fields);
        Assert.Contains("ReturnSubscriptionArn=true", fields);
    }

    [Fact]
    public async Task A_glue_call_is_a_json_1_1_post_without_null_or_empty_members()
    {
        _stub.Handler.Then(HttpStatusCode.OK, "{}");
        using var glue = new Lake.Aws.Glue.GlueClient(_stub.Options(), _stub.Http());

        await glue.CreateDatabaseAsync(new Lake.Aws.Glue.CreateDatabaseRequest { DatabaseInput = new() { Name = "lake" } });

        var body = JsonDocument.Parse(_stub.Handler.Requests[0].Body).RootElement;
        Assert.Equal("""{"Name":"lake"}""", body.GetProperty("DatabaseInput").GetRawText());
        Assert.Equal("AWSGlue.CreateDatabase", _stub.Handler.Requests[0].Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", _stub.Handler.Requests[0].Headers["Content-Type"]);
    }
}
