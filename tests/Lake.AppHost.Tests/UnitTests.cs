using System.Net;
using System.Net.Sockets;
using Lake.AppHost.Hosting;
using Lake.AppHost.Orchestration;

namespace Lake.AppHost.Tests;

[Trait("Category", "Unit")]
public sealed class CommandLineTests
{
    [Fact]
    public void SwitchesBecomeAppHostSettingsAndEverythingElsePassesThrough()
    {
        string[] translated = CommandLine.ToConfiguration(["--mode", "localstack", "--seed", "--clean", "--Lake:Buckets:Raw=r", "--mode=aws"]);

        Assert.Equal(["--AppHost:Mode=localstack", "--AppHost:Seed=true", "--AppHost:Clean=true", "--Lake:Buckets:Raw=r", "--AppHost:Mode=aws"], translated);
    }

    [Fact]
    public void HelpIsAskedForWithTheUsualFlags() =>
        Assert.All((string[])["-h", "--help", "-?"], flag => Assert.True(CommandLine.WantsHelp([flag])));
}

[Trait("Category", "Unit")]
public sealed class PortPlanTests
{
    [Fact]
    public void ZeroPicksDistinctFreePorts()
    {
        var plan = new PortPlan();

        var ports = Enumerable.Range(0, 5).Select(i => plan.Reserve(0, $"AppHost:Ports:P{i}", "r")).ToList();

        Assert.Equal(5, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }

    [Fact]
    public void APortPlannedTwiceIsRefusedNamingBothSettings()
    {
        var plan = new PortPlan();
        var port = plan.Reserve(0, "AppHost:Ports:IngestApi", "ingest-api");

        var refused = Assert.Throws<PortUnavailableException>(() => plan.Reserve(port, "AppHost:Ports:Query", "query"));

        Assert.Contains("AppHost:Ports:Query", refused.Message);
        Assert.Contains("AppHost:Ports:IngestApi", refused.Message);
    }

    [Fact]
    public void APortSomethingListensOnIsRefusedWithWhatToDo()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var refused = Assert.Throws<PortUnavailableException>(() => new PortPlan().Reserve(port, "AppHost:Ports:Dashboard", "the dashboard"));

        Assert.Contains($"--AppHost:Ports:Dashboard=<port>", refused.Message);
    }
}

[Trait("Category", "Unit")]
public sealed class ResourceStatusTests
{
    [Fact]
    public void SecretsAreMaskedInTheEnvironmentTheFeedShows()
    {
        var status = new ResourceStatus(new ExternalResource("x", "Emulator"));

        status.Started(1, new Dictionary<string, string?>
        {
            ["AWS_SECRET_ACCESS_KEY"] = "s", ["IngestApi__ApiKeys__0"] = "k", ["LOCALSTACK_AUTH_TOKEN"] = "t", ["AWS_REGION"] = "eu-west-1", ["GONE"] = null,
        });

        var environment = status.Snapshot().Environment;
        Assert.Equal(["AWS_REGION", "AWS_SECRET_ACCESS_KEY", "IngestApi__ApiKeys__0", "LOCALSTACK_AUTH_TOKEN"], environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("eu-west-1", environment["AWS_REGION"]);
        Assert.All(environment.Where(e => e.Key != "AWS_REGION"), e => Assert.Equal("********", e.Value));
    }
}
