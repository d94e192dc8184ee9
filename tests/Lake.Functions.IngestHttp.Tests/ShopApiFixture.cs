using Lake.Testing;

namespace Lake.Functions.IngestHttp.Tests;

/// <summary>The shop-api service as a real process on a free loopback port, shared by the collection.</summary>
public sealed class ShopApiFixture : IAsyncLifetime
{
    private ServiceProcess? _process;

    public Uri BaseAddress => _process?.BaseAddress ?? throw new InvalidOperationException("shop-api has not started.");

    public async Task InitializeAsync() => _process = await ServiceProcess.StartAsync("services/Lake.ShopApi", new Dictionary<string, string>());

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
