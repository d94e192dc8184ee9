using Lake.Testing;

namespace Lake.Aws.Tests;

[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;
