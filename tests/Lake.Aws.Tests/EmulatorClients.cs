using Amazon.Runtime;
using Lake.Testing;

namespace Lake.Aws.Tests;

/// <summary>Lake's clients pointed at the test emulator.</summary>
internal static class EmulatorClients
{
    public static AwsClientOptions Options(EmulatorFixture fixture) => new()
    {
        Region = EmulatorFixture.Region,
        ServiceUrl = fixture.Endpoint,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey),
    };
}
