using Lake.Console.Model;
using Lake.Console.Security;
using Lake.Console.Services;
using Microsoft.Extensions.Options;

namespace Lake.Console.Tests;

[Trait("Category", "Unit")]
public sealed class ConsoleOptionsTests
{
    private const string Key = "a-key-long-enough-to-pass";

    private static IReadOnlyList<string> Failures(ConsoleOptions options) =>
        new ConsoleOptionsValidator().Validate(null, options) is { Failed: true } result ? [.. result.Failures] : [];

    [Fact]
    public void GoodSettingsPass() =>
        Assert.Empty(Failures(new ConsoleOptions { ApiKeys = [Key], DashboardUrl = "http://127.0.0.1:18888", QueryUrl = "http://query:8080/", QueryApiKey = Key }));

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public void AQueryServiceWithoutAUsableKeyIsNamedButTheKeyNeverShown(string? queryKey)
    {
        var failure = Assert.Single(Failures(new ConsoleOptions { ApiKeys = [Key], QueryUrl = "http://query:8080/", QueryApiKey = queryKey }));

        Assert.StartsWith("Console:QueryApiKey", failure);
        Assert.DoesNotContain("short", failure);
    }

    [Theory]
    [InlineData(null, "Console:ApiKeys needs at least one key")]
    [InlineData("short", "Console:ApiKeys:0 must be at least 16 characters")]
    [InlineData("sixteen chars wi", "Console:ApiKeys:0 must be at least 16 characters without white space")]
    public void ABadKeyIsNamedButNeverShown(string? key, string named)
    {
        var failure = Assert.Single(Failures(new ConsoleOptions { ApiKeys = key is null ? [] : [key] }));

        Assert.StartsWith(named, failure);
        if (key is not null)
        {
            Assert.DoesNotContain(key, failure);
        }
    }

    [Theory]
    [InlineData("dashboard", null, "Console:DashboardUrl")]
    [InlineData("javascript:alert(1)", null, "Console:DashboardUrl")]
    [InlineData(null, "ftp://query", "services:query:http:0")]
    [InlineData(null, "/relative", "Console:QueryUrl")]
    public void AUrlThatIsNotAbsoluteHttpIsNamed(string? dashboard, string? query, string named) =>
        Assert.Contains(named, Assert.Single(Failures(new ConsoleOptions { ApiKeys = [Key], DashboardUrl = dashboard, QueryUrl = query })));

    [Fact]
    public void AStateDirectoryThatIsAFileIsNamed()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Contains("Console:StateDirectory", Assert.Single(Failures(new ConsoleOptions { ApiKeys = [Key], StateDirectory = file })));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

[Trait("Category", "Unit")]
public sealed class ConsoleKeysTests
{
    private static ConsoleKeys Keys(params string[] keys) => new(Options.Create(new ConsoleOptions { ApiKeys = [.. keys] }));

    [Fact]
    public void EveryConfiguredKeyMatchesAndNothingElseDoes()
    {
        var keys = Keys("first-key-0123456789", "second-key-0123456789");

        Assert.NotNull(keys.Match("first-key-0123456789"));
        Assert.NotNull(keys.Match("second-key-0123456789"));
        Assert.Null(keys.Match("first-key-012345678"));
        Assert.Null(keys.Match("FIRST-KEY-0123456789"));
        Assert.Null(keys.Match(""));
    }

    [Fact]
    public void ASessionEndsWhenItsKeyIsNoLongerConfigured()
    {
        var fingerprint = Keys("old-key-0123456789ab").Match("old-key-0123456789ab");

        Assert.True(Keys("old-key-0123456789ab").IsCurrent(fingerprint));
        Assert.False(Keys("new-key-0123456789ab").IsCurrent(fingerprint));
        Assert.False(Keys("new-key-0123456789ab").IsCurrent("not a fingerprint"));
        Assert.False(Keys("new-key-0123456789ab").IsCurrent(null));
    }

    [Theory]
    [InlineData("/dlq", "/dlq")]
    [InlineData("/uploads/abc?x=1", "/uploads/abc?x=1")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("http://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void AfterLoginOnlyAPathOfTheConsoleIsFollowed(string? returnUrl, string expected) =>
        Assert.Equal(expected, LoginApi.LocalPath(returnUrl));
}

[Trait("Category", "Unit")]
public sealed class UploadViewTests
{
    private static readonly Uri Dashboard = new("http://127.0.0.1:18888/");

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c", "http://127.0.0.1:18888/traces/detail/0af7651916cd43dd8448eb211c80319c")]
    [InlineData("0AF7651916CD43DD8448EB211C80319C", null)]
    [InlineData("00000000000000000000000000000000", null)]
    [InlineData("../../x", null)]
    [InlineData(null, null)]
    public void ATraceLinksToTheAspireDashboardOnlyForAW3CTraceId(string? traceId, string? expected) =>
        Assert.Equal(expected, UploadView.TraceLink(Dashboard, traceId));

    [Fact]
    public void WithoutADashboardThereIsNoTraceLink() =>
        Assert.Null(UploadView.TraceLink(null, "0af7651916cd43dd8448eb211c80319c"));

    [Fact]
    public void ADashboardUrlWithAPathKeepsIt() =>
        Assert.Equal("http://host/aspire/traces/detail/0af7651916cd43dd8448eb211c80319c",
            UploadView.TraceLink(new Uri("http://host/aspire/"), "0af7651916cd43dd8448eb211c80319c"));
}

[Trait("Category", "Unit")]
public sealed class AlertTests
{
    [Fact]
    public void AnSnsEnvelopeBecomesAnAlertWithItsMessageFields()
    {
        const string Body = """
            {"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:us-east-1:123456789012:lake-alerts","Subject":"Upload rejected",
             "Message":"{\"type\":\"upload.quarantine-threshold\",\"uploadId\":\"abc\",\"dataset\":\"orders\",\"rowsQuarantined\":12}",
             "Timestamp":"2024-06-01T10:00:00.000Z"}
            """;

        var alert = Alert.FromSnsEnvelope(Body, DateTimeOffset.UtcNow)!;

        Assert.Equal(("m-1", "upload.quarantine-threshold", "abc", "orders", "Upload rejected"), (alert.Id, alert.Type, alert.UploadId, alert.Dataset, alert.Subject));
        Assert.Equal("12", alert.Fields["rowsQuarantined"]);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), alert.PublishedAt);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Records\":[]}")]
    public void ABodyThatIsNotAnSnsNotificationIsNoAlert(string body) => Assert.Null(Alert.FromSnsEnvelope(body, DateTimeOffset.UtcNow));

    [Fact]
    public void APlainTextMessageIsAnAlertWithoutFields()
    {
        var alert = Alert.FromSnsEnvelope("{\"MessageId\":\"m-2\",\"Message\":\"disk full\"}", DateTimeOffset.UtcNow)!;

        Assert.Equal(("", "disk full"), (alert.Type, alert.Message));
        Assert.Empty(alert.Fields);
    }

    [Fact]
    public void TheRingBufferKeepsTheNewestItems()
    {
        var buffer = new RingBuffer<int>(3);

        foreach (var i in Enumerable.Range(1, 5))
        {
            buffer.Add(i);
        }

        Assert.Equal([5, 4, 3], buffer.NewestFirst());
    }
}
