namespace Lake.AppHost.Tests;

/// <summary>Each test here runs whole lakes: one at a time, so they do not compete for two cores.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection
{
    public const string Name = "apphost";
}
