using Lake.Testing;

namespace Lake.TransformService.Tests;

/// <summary>A test against a fresh <see cref="TransformLake"/>: the lake provisioned and the service started before each test, both gone after.</summary>
public abstract class TransformServiceTest(EmulatorFixture emulator, IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    internal TransformLake Lake { get; private set; } = null!;

    protected EmulatorFixture Emulator => emulator;

    protected string Curated => Lake.TestLake.Options.Buckets.Curated;

    public async Task InitializeAsync() => Lake = await TransformLake.StartAsync(emulator, settings);

    public async Task DisposeAsync() => await Lake.DisposeAsync();
}
