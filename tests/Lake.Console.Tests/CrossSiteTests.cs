using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lake.Console.Tests;

/// <summary>
/// Issue 14, defect 2: a page on another site made a logged-in browser redrive dead letters with a
/// <c>text/plain</c> POST. Each refusal below leaves the dead-letter queue as it was, counted by the AWS CLI.
/// </summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class CrossSiteTests(ConsoleLake lake) : IAsyncLifetime
{
    private const string Redrive = "/api/dlq/transform/redrive";
    private string DeadLetters => lake.Lake.Options.Queues.Transform.DeadLetterQueueName;

    public Task InitializeAsync() => lake.FillAsync(DeadLetters, "{\"poison\":1}", "{\"poison\":2}", "{\"poison\":3}");

    public Task DisposeAsync() => lake.FillAsync(DeadLetters);

    [Fact]
    public async Task TheIssue14AttackIsRefusedAndRedrivesNothing()
    {
        using var browser = await lake.Console.LogInAsync();
        using var attack = new HttpRequestMessage(HttpMethod.Post, Redrive)
        {
            Headers = { { "Origin", "http://evil.example" } },
            Content = new StringContent("x", Encoding.UTF8, "text/plain"),
        };

        using var response = await browser.SendAsync(attack);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Cross-origin request refused", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(3, await lake.DepthAsync(DeadLetters));
    }

    [Fact]
    public async Task ACrossOriginPostIsRefusedEvenWithTheAntiforgeryToken()
    {
        using var browser = await lake.Console.LogInAsync();
        var token = await ConsoleProcess.AntiforgeryTokenAsync(browser);
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, Redrive) { Headers = { { "Origin", "http://evil.example" }, { "x-csrf-token", token } } };
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, Redrive) { Headers = { { "Sec-Fetch-Site", "cross-site" }, { "x-csrf-token", token } } };

        using var first = await browser.SendAsync(fromElsewhere);
        using var second = await browser.SendAsync(crossSite);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (first.StatusCode, second.StatusCode));
        Assert.Equal(3, await lake.DepthAsync(DeadLetters));
    }

    [Fact]
    public async Task ACookiePostWithoutTheAntiforgeryTokenIsRefusedAndRedrivesNothing()
    {
        using var browser = await lake.Console.LogInAsync();

        using var response = await browser.PostAsync(Redrive, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Antiforgery token missing or invalid", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(3, await lake.DepthAsync(DeadLetters));
    }

    [Fact]
    public async Task ASimpleContentTypeIsRefusedEvenFromTheConsoleItself()
    {
        using var browser = await lake.Console.LogInAsync();
        var token = await ConsoleProcess.AntiforgeryTokenAsync(browser);
        using var request = new HttpRequestMessage(HttpMethod.Post, Redrive)
        {
            Headers = { { "Origin", lake.Console.Url.GetLeftPart(UriPartial.Authority) }, { "x-csrf-token", token } },
            Content = new StringContent("x", Encoding.UTF8, "text/plain"),
        };

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(3, await lake.DepthAsync(DeadLetters));
    }

    [Fact]
    public async Task ACookiePostWithItsTokenFromTheConsoleRedrives()
    {
        using var browser = await lake.Console.LogInAsync();
        var token = await ConsoleProcess.AntiforgeryTokenAsync(browser);
        using var request = new HttpRequestMessage(HttpMethod.Post, Redrive)
        {
            Headers = { { "Origin", lake.Console.Url.GetLeftPart(UriPartial.Authority) }, { "Sec-Fetch-Site", "same-origin" }, { "x-csrf-token", token } },
        };

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32());
        Assert.Equal(0, await lake.DepthAsync(DeadLetters));
        await lake.FillAsync(lake.Lake.Options.Queues.Transform.Name);
    }

    [Fact]
    public async Task AScriptWithTheKeyRedrivesWithoutAToken()
    {
        using var script = lake.Console.WithKey();

        using var response = await script.PostAsync(Redrive, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await lake.DepthAsync(DeadLetters));
        await lake.FillAsync(lake.Lake.Options.Queues.Transform.Name);
    }
}
