using System.Net;
using System.Text;
using System.Text.Json;
using Lake.Processes;

namespace Lake.Console.Tests;

/// <summary>
/// Issue 14, defect 8, for the console: every error is an RFC 7807 problem, without a stack trace or the request's
/// headers, though the console runs as Development (as the AppHost runs it and these tests start it).
/// </summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ProblemTests(ConsoleLake lake)
{
    public static TheoryData<string, string, string?, string?, int> Failures => new()
    {
        { "GET", "/api/uploads", null, null, 401 },
        { "GET", "/api/no-such-thing", "key", null, 404 },
        { "GET", "/api/uploads/not-an-id", "key", null, 400 },
        { "POST", "/api/query", "key", "{not json", 400 },
        { "POST", "/api/dlq/transform/redrive", "key", "text", 415 },
        { "POST", "/api/dlq/nowhere/redrive", "key", null, 404 },
        { "PUT", "/api/dlq/transform/redrive", "key", null, 405 },
        { "POST", "/api/dlq/transform/redrive", "wrong key, long enough", null, 401 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AnErrorIsAProblemWithoutAStackTraceOrEchoedHeaders(string method, string path, string? key, string? body, int status)
    {
        using var http = key switch { null => lake.Console.Anonymous(), "key" => lake.Console.WithKey(), _ => lake.Console.WithKey(key) };
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Headers = { { "X-Probe", "echo-me-not" } },
            Content = body switch
            {
                null => null,
                "text" => new StringContent("x", Encoding.UTF8, "text/plain"),
                _ => new StringContent(body, Encoding.UTF8, "application/json"),
            },
        };

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        AssertNothingLeaks(text);
    }

    [Fact]
    public async Task AnUnreachableLakeAnswers503WithWhatAwsSaid()
    {
        var nowhere = $"http://127.0.0.1:{FreePort.Pick()}";
        await using var console = await ConsoleProcess.StartAsync(lake.Emulator, lake.Lake, new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = nowhere });
        using var http = console.WithKey();

        using var response = await http.GetAsync("/api/dlq");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Lake unavailable", problem.GetProperty("title").GetString());
        Assert.StartsWith("The lake did not answer: ", problem.GetProperty("detail").GetString());
        Assert.Contains("Connection refused", problem.GetProperty("detail").GetString());
        AssertNothingLeaks(text);
    }

    private static void AssertNothingLeaks(string text)
    {
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("echo-me-not", text);
        Assert.DoesNotContain("x-api-key: ", text, StringComparison.OrdinalIgnoreCase);
    }
}
