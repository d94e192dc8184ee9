using Lake.Testing;

namespace Lake.Functions.IngestHttp.Tests;

[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>, ICollectionFixture<ShopApiFixture>;
