using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Lake.Aws.Glue;
using Lake.Aws.Signing;
using Lake.Aws.Tests.Unit;

namespace Lake.Aws.Tests.Signing;

/// <summary>Our SigV4 signatures must be byte-for-byte what botocore computes for the same request.</summary>
[Trait("Category", "Unit")]
public sealed class SigV4SignerTests
{
    private static readonly DateTime SignedAt = new(2024, 6, 1, 12, 34, 56, DateTimeKind.Utc);
    private static readonly ImmutableCredentials Keys = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

    private static readonly ImmutableCredentials SessionKeys = new(
        "ASIAEXAMPLE", "session/secret+key", "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/with==");

    [Fact]
    public async Task A_json_1_0_sqs_post_with_a_body_is_signed_as_botocore_signs_it()
    {
        var request = Post("https://sqs.us-east-1.amazonaws.com/", "application/x-amz-json-1.0",
            """{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/orders","MessageBody":"hello"}""",
            ("X-Amz-Target", "AmazonSQS.SendMessage"), ("x-amzn-query-mode", "true"));

        await AssertSameAsBotocoreAsync(request, Keys, "us-east-1", "sqs",
            "content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode");
    }

    [Fact]
    public async Task A_query_sns_form_post_on_a_non_default_port_is_signed_as_botocore_signs_it()
    {
        var request = Post("http://127.0.0.1:4566/", "application/x-www-form-urlencoded; charset=utf-8",
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aalerts&Message=a%20b%26c");

        await AssertSameAsBotocoreAsync(request, Keys, "eu-west-1", "sns", "content-type;host;x-amz-date");
    }

    [Fact]
    public async Task A_request_with_session_credentials_signs_the_security_token_as_botocore_does()
    {
        var request = Post("https://glue.eu-central-1.amazonaws.com/", "application/x-amz-json-1.1",
            """{"DatabaseName":"lake","Name":"orders"}""", ("X-Amz-Target", "AWSGlue.GetTable"));

        var ours = await AssertSameAsBotocoreAsync(request, SessionKeys, "eu-central-1", "glue",
            "content-type;host;x-amz-date;x-amz-security-token;x-amz-target");

        Assert.Equal(SessionKeys.Token, ours.Headers.GetValues("X-Amz-Security-Token").Single());
    }

    [Fact]
    public async Task A_path_and_query_needing_encoding_are_canonicalised_as_botocore_does()
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            "https://example.us-west-2.amazonaws.com/my%20path/%C3%BCber/a+b/~x?b=2&a=hello%20world&c=x%2Fy&a=first&empty=");
        request.Headers.TryAddWithoutValidation("X-Amz-Meta-Note", "  spaced    out   value ");

        await AssertSameAsBotocoreAsync(request, Keys, "us-west-2", "execute-api", "host;x-amz-date;x-amz-meta-note");
    }

    [Fact]
    public async Task WhatTheGlueClientSendsCarriesTheSignatureBotocoreComputesForIt()
    {
        var stub = new StubClients();
        stub.Handler.Then(HttpStatusCode.OK, "{}");
        using var glue = new GlueClient(stub.Options(), stub.Http());
        await glue.CreateDatabaseAsync(new CreateDatabaseRequest
        {
            DatabaseInput = new() { Name = "lake", Description = "ünïcödé description", LocationUri = "s3://lake-curated/" },
        });
        var sent = Assert.Single(stub.Handler.Requests);
        var headers = sent.Headers
            .Where(header => header.Key.StartsWith("x-amz", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Where(header => !header.Key.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase))
            .ToDictionary();

        var botocore = Assert.Single(await Botocore.SignAsync(new Botocore.Request(
            "POST", sent.Uri.AbsoluteUri, headers, Encoding.UTF8.GetBytes(sent.Body),
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "eu-west-1", "glue", sent.Headers["X-Amz-Date"])));

        Assert.Equal(botocore.Authorization, sent.Headers["Authorization"]);
    }

    private static HttpRequestMessage Post(string url, string contentType, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static async Task<HttpRequestMessage> AssertSameAsBotocoreAsync(
        HttpRequestMessage request, ImmutableCredentials credentials, string region, string service, string expectedSignedHeaders)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        // Content-Length is the transport's (botocore adds it after signing too), so neither signer signs it.
        var unsigned = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Where(header => !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(header => header.Key, header => string.Join(',', header.Value));

        SigV4Signer.Sign(request, body, credentials, region, service, SignedAt);
        var botocore = Assert.Single(await Botocore.SignAsync(new Botocore.Request(
            request.Method.Method, request.RequestUri!.AbsoluteUri, unsigned, body,
            credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null,
            region, service, SignedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture))));

        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.Equal(botocore.Authorization, authorization);
        Assert.Equal(botocore.AmzDate, request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("20240601T123456Z", botocore.AmzDate);
        Assert.Equal(botocore.SecurityToken, request.Headers.TryGetValues("X-Amz-Security-Token", out var token) ? token.Single() : null);
        Assert.Contains($"SignedHeaders={expectedSignedHeaders},", authorization);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/20240601/{region}/{service}/aws4_request, ", authorization);
        return request;
    }
}
