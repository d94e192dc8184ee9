using Lake.Dashboard.Alerts;
using Lake.Dashboard.Telemetry;
using Microsoft.Extensions.Options;

namespace Lake.Dashboard.Tests;

[Trait("Category", "Unit")]
public sealed class DashboardOptionsTests
{
    [Theory]
    [InlineData("dashboard.local", 18888, "Dashboard:Host")]
    [InlineData("127.0.0.1", 70000, "Dashboard:Port")]
    public async Task ABadSettingFailsAtStartNamingItsKey(string host, int port, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            LakeDashboard.StartAsync(new DashboardOptions { Host = host, Port = port }, new FakeResourceFeed(), CancellationToken.None));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task ABadLakeNameFailsAtStartNamingItsKey()
    {
        var options = new DashboardOptions { Port = 0 };
        options.Lake.AlertsInbox = "no spaces allowed";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LakeDashboard.StartAsync(options, new FakeResourceFeed(), CancellationToken.None));

        Assert.Contains("Lake:AlertsInbox", error.Message);
    }
}

[Trait("Category", "Unit")]
public sealed class TelemetryStoreTests
{
    private static SpanRecord Span(string trace, string id, string? parent, int startMs, double durationMs = 10) => new(
        trace, id, parent, $"span {id}", "svc", "scope", "Internal", DateTimeOffset.UnixEpoch.AddMilliseconds(startMs), durationMs,
        "Unset", null, new Dictionary<string, string>(), []);

    [Fact]
    public void TheWaterfallPutsChildrenUnderTheirParentInStartOrder()
    {
        var spans = new[] { Span("t", "c2", "root", 30), Span("t", "root", null, 0, 100), Span("t", "g1", "c1", 15), Span("t", "c1", "root", 10) };

        var waterfall = TraceWaterfall.Of("t", spans);

        Assert.Equal(["root", "c1", "g1", "c2"], waterfall.Rows.Select(r => r.Span.SpanId));
        Assert.Equal([0, 1, 2, 1], waterfall.Rows.Select(r => r.Depth));
        Assert.Equal([0d, 10, 15, 30], waterfall.Rows.Select(r => r.OffsetMs));
        Assert.Equal(100, waterfall.DurationMs);
    }

    [Fact]
    public void ASpanWhoseParentNeverArrivedIsARootNotLost()
    {
        var waterfall = TraceWaterfall.Of("t", [Span("t", "a", "elsewhere", 5), Span("t", "b", "a", 6)]);

        Assert.Equal([("a", 0), ("b", 1)], waterfall.Rows.Select(r => (r.Span.SpanId, r.Depth)));
    }

    [Fact]
    public void PastItsBoundTheStoreDropsTheOldestTracesWhole()
    {
        var store = new TraceStore(maxSpans: 4);

        store.Add([Span("old", "1", null, 0), Span("old", "2", "1", 1)]);
        store.Add([Span("mid", "3", null, 2), Span("mid", "4", "3", 3)]);
        store.Add([Span("new", "5", null, 4)]);

        Assert.Empty(store.Get("old"));
        Assert.Equal(2, store.Get("mid").Count);
        Assert.Equal(["new", "mid"], store.List(null, null, 10).Select(t => t.TraceId));
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
}
