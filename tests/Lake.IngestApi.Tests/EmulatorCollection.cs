using Lake.Testing;

namespace Lake.IngestApi.Tests;

[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;
