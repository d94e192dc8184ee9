using System.Net;
using System.Text;
using Lake.Aws.Protocols;

namespace Lake.Aws.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ErrorParsingTests
{
    [Fact]
    public void A_json_error_type_is_read_after_its_namespace()
    {
        var error = Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.glue#EntityNotFoundException","Message":"Table orders not found."}""",
            ("x-amzn-RequestId", "req-1"));

        Assert.Equal("EntityNotFoundException", error.Code);
        Assert.Equal("Table orders not found.", error.Message);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public void A_json_error_without_a_type_in_the_body_takes_it_from_the_error_type_header()
    {
        var error = Json(HttpStatusCode.BadRequest, """{"message":"1 validation error detected"}""",
            ("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"));

        Assert.Equal("ValidationException", error.Code);
        Assert.Equal("1 validation error detected", error.Message);
    }

    [Fact]
    public void A_query_xml_error_is_read_with_its_code_message_and_request_id()
    {
        var error = QueryProtocol.ParseError(Response(HttpStatusCode.NotFound), Encoding.UTF8.GetBytes("""
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
              <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
            </ErrorResponse>
            """));

        Assert.Equal("NotFound", error.Code);
        Assert.Equal("Topic does not exist", error.Message);
        Assert.Equal("9dd01905-5012-5f99-8663-4b3ecd0dfaef", error.RequestId);
    }

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway")]
    [InlineData("", "an empty body")]
    [InlineData("{\"unexpected\": true}", "{\"unexpected\": true}")]
    public void A_body_that_is_not_an_aws_error_is_kept_with_the_http_status(string body, string expected)
    {
        var response = Response(HttpStatusCode.BadGateway, ("x-amz-request-id", "edge-7"));
        var json = JsonProtocol.ParseError(response, Encoding.UTF8.GetBytes(body));
        var query = QueryProtocol.ParseError(response, Encoding.UTF8.GetBytes(body));

        foreach (var error in new[] { json, query })
        {
            Assert.Equal("502", error.Code);
            Assert.Contains("HTTP 502", error.Message);
            Assert.Contains(expected, error.Message);
            Assert.Equal("edge-7", error.RequestId);
        }
    }

    [Fact]
    public void A_huge_unrecognised_body_is_cut_short_in_the_message()
    {
        var error = JsonProtocol.ParseError(Response(HttpStatusCode.InternalServerError), Encoding.UTF8.GetBytes(new string('x', 100_000)));

        Assert.InRange(error.Message.Length, 300, 400);
    }

    [Fact]
    public void TheExceptionMessageNamesServiceCodeMessageAndRequest()
    {
        var exception = new AwsServiceException("Glue", "EntityNotFoundException", "Table orders not found.", HttpStatusCode.BadRequest, "1234");

        Assert.Equal("Glue EntityNotFoundException: Table orders not found. (request 1234)", exception.Message);
        Assert.Equal("SNS NotFound", new AwsServiceException("SNS", "NotFound", "", HttpStatusCode.NotFound, null).Message);
    }

    [Fact]
    public async Task A_garbage_answer_reaches_the_caller_as_an_aws_service_exception()
    {
        var stub = new StubClients();
        stub.Handler.Then(HttpStatusCode.Forbidden, "<html>Access denied by corporate proxy</html>");
        using var sns = new Lake.Aws.Sns.SnsClient(stub.Options(), stub.Http());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sns.PublishAsync(new Lake.Aws.Sns.PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:1:t", Message = "m" }));

        Assert.Equal("403", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("Access denied by corporate proxy", error.Message);
    }

    private static AwsErrorDetails Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
        JsonProtocol.ParseError(Response(status, headers), Encoding.UTF8.GetBytes(body));

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        StubHandler.Response(status, "", headers);
}
