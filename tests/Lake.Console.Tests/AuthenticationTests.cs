using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.Console.Tests;

/// <summary>Every page and API, objects included, needs the key or the login cookie; /health and /alive stay open.</summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AuthenticationTests(ConsoleLake lake)
{
    private ConsoleProcess Console => lake.Console;

    [Fact]
    public async Task WithoutAKeyAnApiAnswers401AndAPageOrObjectRedirectsToTheLogin()
    {
        using var http = Console.Anonymous();

        using var api = await http.GetAsync("/api/uploads");
        using var redrive = await http.PostAsync("/api/dlq/transform/redrive", null);
        using var page = await http.GetAsync("/uploads");
        using var obj = await http.GetAsync("/objects/raw/orders/x.csv");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (api.StatusCode, redrive.StatusCode));
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fuploads", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Found, obj.StatusCode);
        Assert.StartsWith("/login?", obj.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AWrongKeyIsRefusedWith401WhateverThePath()
    {
        using var http = Console.WithKey("not-the-key-but-long-enough");

        foreach (var path in new[] { "/api/uploads", "/uploads", "/", "/objects/raw/orders/x.csv", "/api/session" })
        {
            using var response = await http.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task TheKeyHeaderOpensApisAndPages()
    {
        using var http = Console.WithKey();

        using var api = await http.GetAsync("/api/uploads");
        using var page = await http.GetAsync("/dlq");
        var session = await http.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (api.StatusCode, page.StatusCode));
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal("api-key", session.GetProperty("authenticatedBy").GetString());
    }

    [Fact]
    public async Task TheLoginLinkSetsAnHttpOnlySameSiteStrictCookieAndRedirectsHome()
    {
        using var anonymous = Console.Anonymous();

        using var login = await anonymous.GetAsync($"/login?key={Uri.EscapeDataString(Console.Key)}");
        using var wrong = await anonymous.GetAsync("/login?key=not-the-key-but-long-enough");

        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lake-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain(wrong.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("lake-console=", StringComparison.Ordinal));
        Assert.Contains("not one of the console", await wrong.Content.ReadAsStringAsync());

        using var browser = await Console.LogInAsync();
        using var api = await browser.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("cookie", (await browser.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("authenticatedBy").GetString());
    }

    [Fact]
    public async Task TheLoginLinkGoesBackOnlyToAPathOfTheConsole()
    {
        using var http = Console.Anonymous();
        var key = Uri.EscapeDataString(Console.Key);

        using var local = await http.GetAsync($"/login?key={key}&ReturnUrl=%2Fdlq");
        using var elsewhere = await http.GetAsync($"/login?key={key}&ReturnUrl=%2F%2Fevil.example%2F");
        using var absolute = await http.GetAsync($"/login?key={key}&ReturnUrl=http%3A%2F%2Fevil.example%2F");

        Assert.Equal(["/dlq", "/", "/"], new[] { local, elsewhere, absolute }.Select(r => r.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task TheLoginFormNeedsItsAntiforgeryToken()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Console.Url };
        var form = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var withoutToken = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = Console.Key }));
        using var withToken = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = Console.Key, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["returnUrl"] = "/alerts",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Found, withToken.StatusCode);
        Assert.Equal("/alerts", withToken.Headers.Location!.OriginalString);
        using var api = await browser.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task LoggingOutEndsTheSession()
    {
        using var browser = await Console.LogInAsync();
        var token = await ConsoleProcess.AntiforgeryTokenAsync(browser);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout") { Headers = { { "x-csrf-token", token } } };

        using var response = await browser.SendAsync(logout);
        using var after = await browser.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task HealthAndAliveStayOpen()
    {
        using var http = Console.Anonymous();

        using var health = await http.GetAsync("/health");
        using var alive = await http.GetAsync("/alive");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, alive.StatusCode));
    }
}
