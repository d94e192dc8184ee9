using Lake.Testing;
using Lake.Testing.Browser;

namespace Lake.Dashboard.Tests;

/// <summary>One moto_server and one chromium for every test that needs them; such tests run one after another.</summary>
[CollectionDefinition(EmulatorFixture.CollectionName)]
public sealed class DashboardCollection : ICollectionFixture<EmulatorFixture>, ICollectionFixture<ChromiumFixture>;
