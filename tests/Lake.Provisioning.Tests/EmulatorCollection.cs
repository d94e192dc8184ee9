using Lake.Testing;

namespace Lake.Provisioning.Tests;

[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;
