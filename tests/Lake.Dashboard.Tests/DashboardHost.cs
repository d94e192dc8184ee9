using Lake.Testing;

namespace Lake.Dashboard.Tests;

/// <summary>A provisioned, uniquely prefixed lake on the collection's moto_server, and a dashboard started over it on a free port.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly bool _ownsLake;

    private DashboardHost(TestLake lake, bool ownsLake, FakeResourceFeed feed, DashboardServer server)
    {
        Lake = lake;
        _ownsLake = ownsLake;
        Feed = feed;
        Server = server;
        Http = new HttpClient { BaseAddress = server.Url };
    }

    public TestLake Lake { get; }

    public FakeResourceFeed Feed { get; }

    public DashboardServer Server { get; }

    public HttpClient Http { get; }

    public Uri Url => Server.Url;

    /// <param name="lake">A lake to show again (a restarted dashboard); by default a new one, provisioned and owned by the host.</param>
    public static async Task<DashboardHost> StartAsync(EmulatorFixture emulator, string? stateDirectory = null, TestLake? lake = null)
    {
        var ownsLake = lake is null;
        lake ??= new TestLake(emulator);
        if (ownsLake)
        {
            await lake.Provisioner.ProvisionAsync();
        }

        var feed = new FakeResourceFeed();
        feed.Set(FakeResourceFeed.TheLake());
        var server = await LakeDashboard.StartAsync(new DashboardOptions
        {
            Port = 0,
            Lake = lake.Options,
            StateDirectory = stateDirectory,
            Aws = emulator.AwsOptions,
        }, feed, CancellationToken.None);
        return new DashboardHost(lake, ownsLake, feed, server);
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
        if (_ownsLake)
        {
            Lake.Dispose();
        }
    }
}
