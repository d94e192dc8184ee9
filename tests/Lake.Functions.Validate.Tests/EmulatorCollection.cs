using Lake.Testing;

namespace Lake.Functions.Validate.Tests;

[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;
