using Lake.Testing.Aspire;

namespace Lake.AppHost.Tests;

/// <summary>
/// One lake for the collection, started from a shell whose AWS settings point elsewhere: the AppHost must not pass
/// them on (an <c>AWS_PROFILE</c> that does not exist and an S3 endpoint where nothing listens would break every call).
/// </summary>
public sealed class AppHostLake : AspireLake
{
    public const string LeakedProfile = "lake-test-profile-that-does-not-exist";

    public AppHostLake()
    {
        Environment.SetEnvironmentVariable("AWS_PROFILE", LeakedProfile);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9");
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostLake>
{
    public const string Name = "apphost-lake";
}
