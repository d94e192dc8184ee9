using System.Net;
using System.Text.Json;
using Lake.Aws.Glue;

namespace Lake.Aws.Tests.Unit;

/// <summary>moto answers GetPartitions and GetTables in one page, so NextToken-following is checked against scripted pages.</summary>
[Trait("Category", "Unit")]
public sealed class GluePaginationTests
{
    private readonly StubClients _stub = new();

    [Fact]
    public async Task AllPartitionsAreReadByFollowingNextTokenUntilTheLastPage()
    {
        _stub.Handler
            .Then(HttpStatusCode.OK, PartitionPage(0, 10, "page-2"))
            .Then(HttpStatusCode.OK, PartitionPage(10, 10, "page-3"))
            .Then(HttpStatusCode.OK, PartitionPage(20, 5, null));
        using var glue = new GlueClient(_stub.Options(), _stub.Http());
        var request = new GetPartitionsRequest { DatabaseName = "lake", TableName = "orders", MaxResults = 10, Expression = "order_date > '2024'" };

        var values = new List<string>();
        await foreach (var partition in glue.GetAllPartitionsAsync(request))
        {
            values.Add(partition.Values[0]);
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"v{i:00}"), values);
        var sent = _stub.Handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(3, sent.Count);
        Assert.False(sent[0].TryGetProperty("NextToken", out _));
        Assert.Equal("page-2", sent[1].GetProperty("NextToken").GetString());
        Assert.Equal("page-3", sent[2].GetProperty("NextToken").GetString());
        Assert.All(sent, body =>
        {
            Assert.Equal(10, body.GetProperty("MaxResults").GetInt32());
            Assert.Equal("order_date > '2024'", body.GetProperty("Expression").GetString());
        });
        Assert.All(_stub.Handler.Requests, r => Assert.Equal("AWSGlue.GetPartitions", r.Headers["X-Amz-Target"]));
        Assert.Null(request.NextToken);
    }

    [Fact]
    public async Task AllTablesAreReadByFollowingNextTokenUntilTheLastPage()
    {
        _stub.Handler
            .Then(HttpStatusCode.OK, """{"TableList":[{"Name":"a","DatabaseName":"lake"},{"Name":"b","DatabaseName":"lake"}],"NextToken":"t2"}""")
            .Then(HttpStatusCode.OK, """{"TableList":[{"Name":"c","DatabaseName":"lake","CreateTime":1717243200.5}],"NextToken":""}""");
        using var glue = new GlueClient(_stub.Options(), _stub.Http());

        var tables = new List<Table>();
        await foreach (var table in glue.GetAllTablesAsync(new GetTablesRequest { DatabaseName = "lake", MaxResults = 2 }))
        {
            tables.Add(table);
        }

        Assert.Equal(["a", "b", "c"], tables.Select(table => table.Name));
        Assert.Equal(new DateTime(2024, 6, 1, 12, 0, 0, 500, DateTimeKind.Utc), tables[2].CreateTime);
        Assert.Equal("t2", JsonDocument.Parse(_stub.Handler.Requests[1].Body).RootElement.GetProperty("NextToken").GetString());
    }

    private static string PartitionPage(int first, int count, string? nextToken) => JsonSerializer.Serialize(new
    {
        Partitions = Enumerable.Range(first, count).Select(i => new { Values = new[] { $"v{i:00}" }, DatabaseName = "lake", TableName = "orders" }),
        NextToken = nextToken,
    });
}
