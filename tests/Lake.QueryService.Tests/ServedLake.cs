using Lake.Testing;

namespace Lake.QueryService.Tests;

/// <summary>
/// One emulator, one provisioned lake with three days of orders, and one query service over it (1000-row cap, 3 s
/// timeout), shared by the tests that only read: the sandbox, the response formats, pruning, the console.
/// </summary>
public sealed class ServedLake : IAsyncLifetime
{
    public const string CollectionName = "served lake";
    public const int MaxRows = 1000;
    public const int TimeoutSeconds = 3;
    public static readonly DateOnly FirstDay = new(2024, 6, 1);

    /// <summary>A caller the service accepts on the Athena API besides its own credentials (Athena:Clients).</summary>
    public const string AthenaClientKey = "AKIAATHENACLIENT";
    public const string AthenaClientSecret = "athena-client-secret";

    private readonly EmulatorFixture _emulator = new();
    private TestLake? _lake;
    private QueryServiceHost? _service;

    public QueryServiceHost Service => _service ?? throw new InvalidOperationException("Not started.");

    public EmulatorFixture Emulator => _emulator;

    public TestLake Lake => _lake ?? throw new InvalidOperationException("Not started.");

    /// <summary>The orders table as queries name it.</summary>
    public string Table => $"{Lake.Options.GlueDatabase}.{CuratedOrders.Dataset}";

    /// <summary>The S3 keys written, one per day: 10, 20 and 30 orders.</summary>
    public IReadOnlyList<string> Keys { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        _lake = new TestLake(_emulator);
        await _lake.Provisioner.ProvisionAsync();
        var curated = new CuratedOrders(_lake);
        Keys =
        [
            await curated.WriteAsync(OrderRow.For(FirstDay, 10), "u1"),
            await curated.WriteAsync(OrderRow.For(FirstDay.AddDays(1), 20), "u2"),
            await curated.WriteAsync(OrderRow.For(FirstDay.AddDays(2), 30), "u3"),
        ];
        _service = await QueryServiceHost.StartAsync(_emulator, _lake, new Dictionary<string, string>
        {
            ["Query__MaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Athena__Clients__0"] = $"{AthenaClientKey}:{AthenaClientSecret}",
            ["Query__TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _lake?.Dispose();
        await _emulator.DisposeAsync();
    }
}

[CollectionDefinition(ServedLake.CollectionName)]
public sealed class ServedLakeCollection : ICollectionFixture<ServedLake>;
