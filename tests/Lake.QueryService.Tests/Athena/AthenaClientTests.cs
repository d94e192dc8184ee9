using System.Globalization;
using Lake.Aws;
using Lake.Aws.Athena;
using Lake.Examples.AthenaQuery;
using Lake.Testing;

namespace Lake.QueryService.Tests.Athena;

/// <summary>Lake.Aws's <see cref="AthenaClient"/> against the query service, and the example consumer built on it, as a process.</summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AthenaClientTests(ServedLake lake)
{
    [Fact]
    public async Task TheClientsQueryLoopReadsEveryPageAndTheSameNumbersAsV1Query()
    {
        var sql = $"SELECT order_date, count(*) AS orders, sum(total) AS revenue FROM {lake.Table} GROUP BY order_date ORDER BY order_date";
        var (_, expected) = await lake.Service.QueryAsync(sql);
        using var client = AthenaClients.For(lake);

        var rows = await new AthenaQuery(client).RunAsync(sql, lake.Lake.Options.GlueDatabase, CancellationToken.None);

        Assert.Equal<IEnumerable<string?>>(["order_date", "orders", "revenue"], rows[0]);
        // Decimals compare as numbers: Athena writes a sum's scale (1019.50), /v1/query may not.
        Assert.Equal(
            expected.GetProperty("rows").EnumerateArray().Select(r => (r[0].GetString(), r[1].GetInt64(), decimal.Parse(r[2].GetString()!, CultureInfo.InvariantCulture))),
            rows.Skip(1).Select(r => (r[0], long.Parse(r[1]!, CultureInfo.InvariantCulture), decimal.Parse(r[2]!, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task PagesFollowNextTokenAndModelsReadEveryField()
    {
        using var client = AthenaClients.For(lake);
        var id = (await client.StartQueryExecutionAsync(new() { QueryString = $"SELECT order_id, quantity FROM {lake.Table} ORDER BY order_id", WorkGroup = lake.Lake.Options.AthenaWorkGroup })).QueryExecutionId;
        await new AthenaQuery(client).RunAsync("SELECT 1", null, CancellationToken.None);

        var execution = (await client.GetQueryExecutionAsync(new() { QueryExecutionId = id })).QueryExecution;
        var first = await client.GetQueryResultsAsync(new() { QueryExecutionId = id, MaxResults = 10 });
        var second = await client.GetQueryResultsAsync(new() { QueryExecutionId = id, MaxResults = 10, NextToken = first.NextToken });

        Assert.Equal(QueryExecutionState.SUCCEEDED, execution.Status?.State);
        Assert.Equal(lake.Lake.Options.AthenaWorkGroup, execution.WorkGroup);
        Assert.NotNull(execution.Status?.CompletionDateTime);
        Assert.True(execution.Status!.CompletionDateTime >= execution.Status.SubmissionDateTime);
        Assert.True(execution.Statistics?.DataScannedInBytes > 0);
        Assert.Equal("Athena engine version 3", execution.EngineVersion?.EffectiveEngineVersion);
        Assert.Equal(["varchar", "integer"], first.ResultSet.ResultSetMetadata!.ColumnInfo.Select(c => c.Type));
        Assert.Equal("order_id", first.ResultSet.Rows[0].Data[0].VarCharValue);
        Assert.Equal(10, first.ResultSet.Rows.Count);
        Assert.Equal(10, second.ResultSet.Rows.Count);
        Assert.StartsWith("ORD-", second.ResultSet.Rows[0].Data[0].VarCharValue);
        Assert.NotNull(second.NextToken);
    }

    [Fact]
    public async Task ErrorsArriveAsAwsServiceExceptionsWithAthenasCodes()
    {
        using var client = AthenaClients.For(lake);
        using var wrongSecret = AthenaClients.For(lake, secretKey: "wrong");

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetQueryExecutionAsync(new() { QueryExecutionId = "no-such-id" }));
        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => wrongSecret.ListWorkGroupsAsync(new()));
        var failed = await Assert.ThrowsAsync<AthenaQueryFailedException>(() => new AthenaQuery(client).RunAsync("SELECT * FROM no_such_table", null, CancellationToken.None));

        Assert.Equal("InvalidRequestException", missing.ErrorCode);
        Assert.Equal("QueryExecution no-such-id was not found", missing.ErrorMessage);
        Assert.Equal("InvalidSignatureException", refused.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(QueryExecutionState.FAILED, failed.State);
        Assert.Contains("TABLE_NOT_FOUND", failed.Message);
    }

    [Fact]
    public async Task TheExampleConsumerPrintsTheResultAsCsvWithOnlyTheStandardSettings()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_ATHENA"] = lake.Service.Process.BaseAddress.ToString(),
            ["AWS_REGION"] = EmulatorFixture.Region,
            ["AWS_ACCESS_KEY_ID"] = EmulatorFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = EmulatorFixture.SecretKey,
            ["Lake__AthenaWorkGroup"] = lake.Lake.Options.AthenaWorkGroup,
        };
        var sql = $"SELECT currency, count(*) AS orders FROM {lake.Table} GROUP BY currency ORDER BY currency";
        var (_, expected) = await lake.Service.QueryAsync(sql);

        var run = await ProcessRunner.RunAsync("dotnet", [RepoPaths.BuiltAssembly("examples/Lake.Examples.AthenaQuery"), sql], environment);
        var failing = await ProcessRunner.RunAsync("dotnet", [RepoPaths.BuiltAssembly("examples/Lake.Examples.AthenaQuery"), "SELECT nope()"], environment);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(
            ["currency,orders", .. expected.GetProperty("rows").EnumerateArray().Select(r => $"{r[0].GetString()},{r[1].GetRawText()}")],
            run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("FUNCTION_NOT_FOUND: line 1:8: Function 'nope' not registered", failing.Stderr);
    }
}
