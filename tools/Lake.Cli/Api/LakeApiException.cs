using System.Net;
using Lake.Cli.Connection;

namespace Lake.Cli.Api;

/// <summary>A service answered with an error; <see cref="Exception.Message"/> is its problem detail, said for a user.</summary>
internal sealed class LakeApiException(LakeEndpoint endpoint, HttpStatusCode status, string message, string? code = null) : Exception(message)
{
    public LakeEndpoint Endpoint => endpoint;

    public HttpStatusCode Status => status;

    /// <summary>The problem's <c>code</c> extension when it has one (the query service's refusals: <c>syntax-error</c>, ...).</summary>
    public string? Code => code;
}

/// <summary>Nothing answers at a service's URL: the lake is not running there.</summary>
internal sealed class LakeNotRunningException(LakeEndpoint endpoint, Exception inner)
    : Exception($"the lake is not running at {endpoint.Url} (the {endpoint.Service}, from {endpoint.Source}): start it with dotnet run --project AppHost", inner)
{
    public LakeEndpoint Endpoint => endpoint;
}
