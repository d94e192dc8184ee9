namespace Lake.BadInput.Tests;

/// <summary>
/// Hand-made messages on the work queues, as a misconfigured notification or a stray producer would send: none
/// crashes a consumer or loops; a poison message ends in its dead-letter queue with an alert naming it, S3's test
/// event is dropped.
/// </summary>
[Collection(BadInputCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EventCorpusTests(BadInputLake lake)
{
    public static TheoryData<string, string, string> Poison => new()
    {
        { "E01", "validate", "this is not JSON {case}" },
        { "E02", "validate", """{"Records": "not a list", "case": "{case}"}""" },
        { "E03", "validate", """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{raw}"},"object":{"key":"orders/missing-{case}.csv","size":10}}}]}""" },
        { "E04", "transform", "this is not JSON {case}" },
        { "E05", "transform", """{"Records": [], "case": "{case}"}""" },
        { "E06", "transform", """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{clean}"},"object":{"key":"orders/0123456789abcdef0123456789abcdef.csv","size":10}},"case":"{case}"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Poison))]
    public async Task APoisonMessageEndsInItsDeadLetterQueue(string id, string queue, string template)
    {
        var body = Fill(template, id);
        var queues = queue == "validate" ? lake.Lake.Options.Queues.Validate : lake.Lake.Options.Queues.Transform;

        var messageId = await lake.SendAsync(queues.Name, body);

        var dead = await lake.DeadLetterAsync(queues.DeadLetterQueueName, body, TimeSpan.FromMinutes(2));
        Assert.Equal(body, dead.Body);
        var alert = await lake.Alerts.WaitForAsync(
            a => Named(a, "messageId", messageId) || (id == "E06" && Named(a, "uploadId", "0123456789abcdef0123456789abcdef")), TimeSpan.FromSeconds(30));
        Assert.False(string.IsNullOrWhiteSpace(alert.GetProperty("reason").GetString()));
        lake.AssertAllRunning();
    }

    [Theory]
    [InlineData("E07", "validate")]
    [InlineData("E08", "transform")]
    public async Task S3sTestEventIsDroppedQuietly(string id, string queue)
    {
        var queues = queue == "validate" ? lake.Lake.Options.Queues.Validate : lake.Lake.Options.Queues.Transform;
        var body = $$"""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-04T00:00:00.000Z","Bucket":"{{id}}","RequestId":"{{Guid.NewGuid():N}}"}""";

        await lake.SendAsync(queues.Name, body);

        await lake.WaitForEmptyAsync(queues.Name, TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<TimeoutException>(() => lake.DeadLetterAsync(queues.DeadLetterQueueName, body, TimeSpan.FromSeconds(5)));
        lake.AssertAllRunning();
    }

    private static bool Named(System.Text.Json.JsonElement alert, string property, string value) =>
        alert.TryGetProperty(property, out var named) && named.GetString() == value;

    private string Fill(string template, string id) => template
        .Replace("{case}", $"{id}-{Guid.NewGuid():N}", StringComparison.Ordinal)
        .Replace("{raw}", lake.Lake.Options.Buckets.Raw, StringComparison.Ordinal)
        .Replace("{clean}", lake.Lake.Options.Buckets.Clean, StringComparison.Ordinal);
}
