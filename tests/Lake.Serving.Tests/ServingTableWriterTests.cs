using Amazon.DynamoDBv2.Model;

namespace Lake.Serving.Tests;

[Trait("Category", "Unit")]
public class ServingTableWriterTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task ItemsGoTwentyFiveABatch()
    {
        var fake = ThrottlingDynamoDb.Create(0, out var dynamo);

        var written = await new ServingTableWriter(dynamo, Quick, concurrency: 1).WriteAsync("t", Items(60), CancellationToken.None);

        Assert.Equal(60, written);
        Assert.Equal([25, 25, 10], fake.Calls.Select(c => c.Count));
        Assert.Equal(Ids(60), fake.Calls.SelectMany(c => c));
    }

    [Fact]
    public async Task BatchesInFlightAtOnceWriteEveryItemOnce()
    {
        var fake = ThrottlingDynamoDb.Create(0, out var dynamo);

        var written = await new ServingTableWriter(dynamo, Quick, concurrency: 4).WriteAsync("t", Items(1000), CancellationToken.None);

        Assert.Equal(1000, written);
        Assert.Equal(Ids(1000), fake.Calls.SelectMany(c => c).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnprocessedItemsAreSentAgainUntilNoneIsLeft()
    {
        var fake = ThrottlingDynamoDb.Create(3, out var dynamo);

        await new ServingTableWriter(dynamo, Quick, concurrency: 1).WriteAsync("t", Items(5), CancellationToken.None);

        Assert.Equal([5, 4, 3, 2], fake.Calls.Select(c => c.Count));
        Assert.Equal(Ids(5).Order(), fake.Calls.Select(c => c[0]).Concat(fake.Calls[^1].Skip(1)).Order());
    }

    [Fact]
    public async Task ItemsStillUnprocessedAfterTheLastAttemptFailTheWrite()
    {
        var fake = ThrottlingDynamoDb.Create(int.MaxValue, out var dynamo);

        var error = await Assert.ThrowsAsync<ServingWriteException>(() => new ServingTableWriter(dynamo, Quick, concurrency: 1).WriteAsync("t", Items(20), CancellationToken.None));

        Assert.Equal(ServingTableWriter.MaxAttempts, fake.Calls.Count);
        Assert.Equal(20 - ServingTableWriter.MaxAttempts, error.ItemsLeft);
        Assert.Equal("DynamoDB table 't' still had 12 unprocessed items after 8 attempts", error.Message);
    }

    private static IEnumerable<string> Ids(int count) => Enumerable.Range(0, count).Select(i => $"id-{i:D3}");

    private static IEnumerable<Dictionary<string, AttributeValue>> Items(int count) =>
        Ids(count).Select(id => new Dictionary<string, AttributeValue> { ["id"] = new(id) });
}
