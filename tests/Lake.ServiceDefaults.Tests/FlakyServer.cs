using System.Net;
using Lake.Testing;

namespace Lake.ServiceDefaults.Tests;

/// <summary>An HTTP endpoint on loopback that answers <c>failure</c> to its first requests, then 200.</summary>
internal sealed class FlakyServer(int failures, HttpStatusCode failure) : LoopbackHttpServer("/flaky/")
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task HandleAsync(HttpListenerContext context)
    {
        context.Response.StatusCode = (int)(Interlocked.Increment(ref _requests) <= failures ? failure : HttpStatusCode.OK);
        return Task.CompletedTask;
    }
}
