using System.Text.Json;
using Lake.Testing;

namespace Lake.Aws.Tests.Signing;

/// <summary>Signs requests with botocore's <c>SigV4Auth</c>, the reference our signer must agree with.</summary>
internal static class Botocore
{
    /// <summary>What botocore set on one request.</summary>
    public sealed record Signature(string Authorization, string AmzDate, string? SecurityToken);

    /// <summary>One request for botocore to sign, as sent on the wire (headers exclude those the signer adds).</summary>
    public sealed record Request(
        string Method, string Url, IReadOnlyDictionary<string, string> Headers, byte[] Body,
        string AccessKey, string SecretKey, string? Token, string Region, string Service, string AmzDate);

    // The clock is frozen the way botocore's own tests do it: by patching the time source add_auth reads.
    private const string Script = """
        import base64, datetime, json, sys
        from unittest import mock
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        out = []
        for case in json.loads(sys.argv[1]):
            request = AWSRequest(method=case['Method'], url=case['Url'], headers=case['Headers'], data=base64.b64decode(case['Body']))
            credentials = Credentials(case['AccessKey'], case['SecretKey'], case['Token'])
            now = datetime.datetime.strptime(case['AmzDate'], '%Y%m%dT%H%M%SZ')
            with mock.patch('botocore.auth.get_current_datetime', return_value=now):
                SigV4Auth(credentials, case['Service'], case['Region']).add_auth(request)
            out.append({
                'Authorization': request.headers['Authorization'],
                'AmzDate': request.headers['X-Amz-Date'],
                'SecurityToken': request.headers.get('X-Amz-Security-Token'),
            })
        print(json.dumps(out))
        """;

    public static async Task<IReadOnlyList<Signature>> SignAsync(params Request[] requests)
    {
        var input = JsonSerializer.Serialize(requests);
        var result = await ProcessRunner.RunAsync("python3", ["-c", Script, input]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"botocore signing failed ({result.ExitCode}): {result.Stderr}");
        }

        return JsonSerializer.Deserialize<List<Signature>>(result.Stdout)!;
    }
}
