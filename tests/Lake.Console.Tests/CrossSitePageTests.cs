using System.Net;
using System.Text;
using Lake.Testing;
using Lake.Testing.Browser;
using Microsoft.Playwright;

namespace Lake.Console.Tests;

/// <summary>
/// Issue 14's attack in a real chromium: a logged-in user opens another origin's page that posts to the console.
/// The page is on the same site (127.0.0.1, another port), so the SameSite=Strict cookie does go with the
/// request: only the console's own checks stand in the way, and the dead-letter queue must keep its messages.
/// </summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
[Trait("Category", "Browser")]
public sealed class CrossSitePageTests(ConsoleLake lake, ChromiumFixture chromium) : IAsyncLifetime
{
    private IPage _page = null!;

    private string DeadLetters => lake.Lake.Options.Queues.Transform.DeadLetterQueueName;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        await lake.FillAsync(DeadLetters, "{\"poison\":1}", "{\"poison\":2}");
        _page = await chromium.NewPageAsync(lake.Console.Url.ToString());
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await lake.FillAsync(DeadLetters);
    }

    [Fact]
    public async Task AnotherOriginsPageCannotRedriveWithTheUsersSession()
    {
        await _page.GotoAsync($"/login?key={Uri.EscapeDataString(lake.Console.Key)}");
        await Assertions.Expect(_page.Locator("#logout")).ToBeVisibleAsync();
        using var evil = new EvilPage(new Uri(lake.Console.Url, "/api/dlq/transform/redrive"));

        await _page.GotoAsync(evil.Url.ToString());
        await Assertions.Expect(_page).ToHaveTitleAsync("fetch sent");
        await _page.ClickAsync("#submit");

        await Assertions.Expect(_page.Locator("body")).ToContainTextAsync("Cross-origin request refused");
        Assert.True(evil.Served > 0);
        Assert.Equal(2, await lake.DepthAsync(DeadLetters));
    }

    /// <summary>The attacker's page: a no-cors <c>text/plain</c> fetch with the user's cookies, then a <c>text/plain</c> form post.</summary>
    private sealed class EvilPage(Uri target) : LoopbackHttpServer
    {
        public int Served { get; private set; }

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            Served++;
            var html = $$"""
                <!doctype html><title>evil</title>
                <form method="post" action="{{target}}" enctype="text/plain"><input name="x" value="y"><button id="submit">go</button></form>
                <script>
                  fetch('{{target}}', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: 'x' })
                    .finally(() => { document.title = 'fetch sent'; });
                </script>
                """;
            var bytes = Encoding.UTF8.GetBytes(html);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(bytes);
        }
    }
}
