using Lake.Aws.Glue;
using Lake.Aws.Sns;
using Lake.Testing;

namespace Lake.Aws.Tests;

/// <summary>
/// Clients built with no options read the standard AWS settings (DESIGN §3). The variables are process-wide, so this
/// runs in the emulator collection (whose tests run one at a time and pass their settings explicitly) and restores them.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class DefaultConfigurationTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task ClientsWithoutOptionsTakeRegionEndpointAndCredentialsFromTheEnvironment()
    {
        var variables = new Dictionary<string, string?>(fixture.AwsEnvironment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value))
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/unused",
            ["AWS_ENDPOINT_URL_SNS"] = fixture.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_GLUE"] = fixture.Endpoint.ToString(),
            ["AWS_PROFILE"] = null,
        };
        var saved = variables.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var sns = new SnsClient();
            using var glue = new GlueClient();

            var topicArn = (await sns.CreateTopicAsync(new CreateTopicRequest { Name = TestNames.Unique("env") })).TopicArn;
            var database = TestNames.Unique("env").Replace('-', '_');
            await glue.CreateDatabaseAsync(new CreateDatabaseRequest { DatabaseInput = new DatabaseInput { Name = database } });

            Assert.Equal(fixture.Endpoint, sns.Endpoint);
            Assert.Equal(fixture.Endpoint, glue.Endpoint);
            Assert.StartsWith($"arn:aws:sns:{EmulatorFixture.Region}:", topicArn);
            Assert.Equal(database, (await glue.GetDatabaseAsync(new GetDatabaseRequest { Name = database })).Database.Name);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
