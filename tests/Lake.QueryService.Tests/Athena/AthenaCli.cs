using System.Text.Json;
using Lake.Testing;

namespace Lake.QueryService.Tests.Athena;

/// <summary><c>aws athena ... --endpoint-url</c> against the query service, signing with the lake's credentials (or others).</summary>
public sealed class AthenaCli(Uri endpoint, string secretKey = EmulatorFixture.SecretKey, string accessKey = EmulatorFixture.AccessKey)
{
    private readonly AwsCli _cli = new(endpoint, EmulatorFixture.Region, accessKey, secretKey);

    public async Task<JsonElement> RunAsync(params string[] args) =>
        await _cli.RunAsync(["athena", .. args]) ?? throw new InvalidOperationException($"aws athena {string.Join(' ', args)} printed nothing.");

    /// <summary>A command that prints nothing on success (stop-query-execution).</summary>
    public async Task RunQuietAsync(params string[] args) => await _cli.RunAsync(["athena", .. args]);

    public async Task<string> StartAsync(string sql, params string[] more) =>
        (await RunAsync(["start-query-execution", "--query-string", sql, .. more])).GetProperty("QueryExecutionId").GetString()!;

    /// <summary>Polls get-query-execution until the state is final; the QueryExecution then.</summary>
    public async Task<JsonElement> WaitAsync(string id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var execution = (await RunAsync("get-query-execution", "--query-execution-id", id)).GetProperty("QueryExecution");
            if (execution.GetProperty("Status").GetProperty("State").GetString() is "SUCCEEDED" or "FAILED" or "CANCELLED")
            {
                return execution;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Query {id} did not finish.");
    }

    /// <summary>Runs <paramref name="sql"/> to the end; its QueryExecution.</summary>
    public async Task<JsonElement> RunQueryAsync(string sql, params string[] more) => await WaitAsync(await StartAsync(sql, more));

    /// <summary>Every row of the result (the header row first), through the CLI's own paging.</summary>
    public async Task<List<string?[]>> RowsAsync(string id)
    {
        var result = await RunAsync("get-query-results", "--query-execution-id", id);
        return [.. result.GetProperty("ResultSet").GetProperty("Rows").EnumerateArray().Select(Values)];
    }

    public static string?[] Values(JsonElement row) =>
        [.. row.GetProperty("Data").EnumerateArray().Select(d => d.TryGetProperty("VarCharValue", out var v) ? v.GetString() : null)];
}
