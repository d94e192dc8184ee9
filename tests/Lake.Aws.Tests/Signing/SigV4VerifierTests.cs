using System.Text;
using Amazon.Runtime;
using Lake.Aws.Signing;

namespace Lake.Aws.Tests.Signing;

/// <summary>The verifier accepts what botocore signs with the right keys, and refuses every change AWS refuses.</summary>
[Trait("Category", "Unit")]
public sealed class SigV4VerifierTests
{
    private const string Url = "http://127.0.0.1:5090/";
    private const string AmzDate = "20240601T123456Z";
    private const string Body = """{"QueryString":"SELECT 1","ClientRequestToken":"0123456789abcdef0123456789abcdef"}""";
    private static readonly DateTimeOffset SignedAt = new(2024, 6, 1, 12, 34, 56, TimeSpan.Zero);
    private static readonly ImmutableCredentials Keys = new("test", "test", null);

    [Fact]
    public async Task ARequestBotocoreSignedWithTheSameKeysIsAccepted()
    {
        var request = await SignedByBotocoreAsync(Keys);

        Assert.Null(SigV4Verifier.Verify(request, Keys, "us-east-1", "athena", SignedAt.AddMinutes(3)));
    }

    [Fact]
    public async Task AWrongSecretAnotherKeyRegionOrServiceOrAChangedBodyIsRefused()
    {
        var request = await SignedByBotocoreAsync(Keys);

        Assert.Equal("InvalidSignatureException", SigV4Verifier.Verify(request, new ImmutableCredentials("test", "other", null), "us-east-1", "athena", SignedAt)?.ErrorCode);
        Assert.Equal("UnrecognizedClientException", SigV4Verifier.Verify(request, new ImmutableCredentials("AKIDOTHER", "test", null), "us-east-1", "athena", SignedAt)?.ErrorCode);
        Assert.Contains("region", SigV4Verifier.Verify(request, Keys, "eu-west-1", "athena", SignedAt)?.Message);
        Assert.Contains("service", SigV4Verifier.Verify(request, Keys, "us-east-1", "glue", SignedAt)?.Message);
        var tampered = request with { Body = Encoding.UTF8.GetBytes(Body.Replace("SELECT 1", "SELECT 2", StringComparison.Ordinal)) };
        Assert.Equal("InvalidSignatureException", SigV4Verifier.Verify(tampered, Keys, "us-east-1", "athena", SignedAt)?.ErrorCode);
    }

    [Fact]
    public async Task ASignatureOlderThanFifteenMinutesHasExpired()
    {
        var request = await SignedByBotocoreAsync(Keys);

        var failure = SigV4Verifier.Verify(request, Keys, "us-east-1", "athena", SignedAt.AddMinutes(16));

        Assert.Equal("InvalidSignatureException", failure?.ErrorCode);
        Assert.StartsWith("Signature expired", failure?.Message);
    }

    [Fact]
    public async Task SessionCredentialsNeedTheirTokenAndNoAuthorizationIsAMissingToken()
    {
        var session = new ImmutableCredentials("ASIAEXAMPLE", "session/secret", "token+value==");
        var request = await SignedByBotocoreAsync(session);
        var withoutToken = request with { Header = name => name == "x-amz-security-token" ? null : request.Header(name) };
        var unsigned = request with { Header = name => name == "authorization" ? null : request.Header(name) };

        Assert.Null(SigV4Verifier.Verify(request, session, "us-east-1", "athena", SignedAt));
        Assert.NotNull(SigV4Verifier.Verify(withoutToken, session, "us-east-1", "athena", SignedAt));
        Assert.Equal("MissingAuthenticationTokenException", SigV4Verifier.Verify(unsigned, session, "us-east-1", "athena", SignedAt)?.ErrorCode);
    }

    private static async Task<SignedRequest> SignedByBotocoreAsync(ImmutableCredentials keys)
    {
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["X-Amz-Target"] = "AmazonAthena.StartQueryExecution",
        };
        var body = Encoding.UTF8.GetBytes(Body);
        var signature = (await Botocore.SignAsync(new Botocore.Request(
            "POST", Url, headers, body, keys.AccessKey, keys.SecretKey, keys.UseToken ? keys.Token : null, "us-east-1", "athena", AmzDate)))[0];
        var received = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = "127.0.0.1:5090",
            ["content-type"] = headers["Content-Type"],
            ["x-amz-target"] = headers["X-Amz-Target"],
            ["x-amz-date"] = signature.AmzDate,
            ["authorization"] = signature.Authorization,
        };
        if (signature.SecurityToken is { } token)
        {
            received["x-amz-security-token"] = token;
        }

        return new SignedRequest("POST", "/", name => received.GetValueOrDefault(name), body);
    }
}
