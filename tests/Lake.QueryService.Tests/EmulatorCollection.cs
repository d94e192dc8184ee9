using Lake.Testing;

namespace Lake.QueryService.Tests;

[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;
