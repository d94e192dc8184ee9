using Amazon.Runtime;
using Lake.Aws;
using Lake.Testing;

namespace Lake.Dashboard.Tests;

/// <summary>A provisioned, uniquely prefixed lake on the collection's moto_server, and a dashboard started over it on a free port.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private DashboardHost(TestLake lake, FakeResourceFeed feed, DashboardServer server)
    {
        Lake = lake;
        Feed = feed;
        Server = server;
        Http = new HttpClient { BaseAddress = server.Url };
    }

    public TestLake Lake { get; }

    public FakeResourceFeed Feed { get; }

    public DashboardServer Server { get; }

    public HttpClient Http { get; }

    public Uri Url => Server.Url;

    public static async Task<DashboardHost> StartAsync(EmulatorFixture emulator)
    {
        var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var feed = new FakeResourceFeed();
        feed.Set(FakeResourceFeed.TheLake());
        var server = await LakeDashboard.StartAsync(new DashboardOptions
        {
            Port = 0,
            Lake = lake.Options,
            Aws = new AwsClientOptions
            {
                Region = EmulatorFixture.Region,
                ServiceUrl = emulator.Endpoint,
                Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKey, EmulatorFixture.SecretKey),
            },
        }, feed, CancellationToken.None);
        return new DashboardHost(lake, feed, server);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (not null), or fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Lake.Dispose();
    }
}
