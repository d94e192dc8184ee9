using Lake.Configuration;
using Lake.Testing;

namespace Lake.Aws.Tests;

/// <summary>Lake's clients pointed at the test emulator, from the same options the SDK's clients take there.</summary>
internal static class EmulatorClients
{
    public static AwsClientOptions Options(EmulatorFixture fixture) => LakeAwsOptions.ForLakeClients(fixture.AwsOptions);
}
