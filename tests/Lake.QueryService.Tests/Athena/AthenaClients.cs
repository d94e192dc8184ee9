using Amazon.Runtime;
using Lake.Aws;
using Lake.Aws.Athena;
using Lake.Testing;

namespace Lake.QueryService.Tests.Athena;

/// <summary>Lake's <see cref="AthenaClient"/> pointed at a query service, with the lake's credentials.</summary>
public static class AthenaClients
{
    public static AthenaClient For(ServedLake lake, string secretKey = EmulatorFixture.SecretKey) => new(new AwsClientOptions
    {
        ServiceUrl = lake.Service.Process.BaseAddress,
        Region = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKey, secretKey),
        MaxAttempts = 1,
    });
}
