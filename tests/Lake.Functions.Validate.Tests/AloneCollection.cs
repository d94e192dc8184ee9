namespace Lake.Functions.Validate.Tests;

/// <summary>Tests that measure the whole process run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
