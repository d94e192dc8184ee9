using System.Net;
using System.Text;
using System.Text.Json;
using Lake.Testing;

namespace Lake.QueryService.Tests.Athena;

/// <summary>The Athena API driven by the AWS CLI (<c>aws athena ... --endpoint-url</c>), against the service as a process.</summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AthenaApiTests(ServedLake lake)
{
    private AthenaCli Cli => new(lake.Service.Process.BaseAddress);

    [Fact]
    public async Task AQueryGivesTheSameNumbersAsV1QueryAndItsCsvLandsInTheResultsBucket()
    {
        var sql = $"SELECT currency, count(*) AS orders, sum(total) AS revenue, min(order_date) AS first_day FROM {lake.Table} GROUP BY currency ORDER BY currency";
        var (_, expected) = await lake.Service.QueryAsync(sql);

        var execution = await Cli.RunQueryAsync(sql);
        var id = execution.GetProperty("QueryExecutionId").GetString()!;
        var rows = await Cli.RowsAsync(id);

        Assert.Equal("SUCCEEDED", execution.GetProperty("Status").GetProperty("State").GetString());
        Assert.Equal<IEnumerable<string?>>(["currency", "orders", "revenue", "first_day"], rows[0]);
        var expectedRows = expected.GetProperty("rows").EnumerateArray()
            .Select(r => new[] { r[0].GetString(), r[1].GetRawText(), r[2].GetString(), r[3].GetString() }).ToList();
        // The same numbers: decimals compared as numbers (Athena writes a sum's scale, 1019.50; /v1/query may not).
        Assert.Equal(expectedRows.Select(Numbers), rows.Skip(1).Select(Numbers));
        Assert.Equal(expected.GetProperty("bytesScanned").GetInt64(), execution.GetProperty("Statistics").GetProperty("DataScannedInBytes").GetInt64());
        Assert.True(execution.GetProperty("Statistics").GetProperty("DataScannedInBytes").GetInt64() > 0);
        var output = $"s3://{lake.Lake.Options.Buckets.AthenaResults}/{id}.csv";
        Assert.Equal(output, execution.GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString());

        var csv = await lake.Emulator.Cli.RunRawAsync("s3", "cp", output, "-");
        var expectedCsv = new StringBuilder("\"currency\",\"orders\",\"revenue\",\"first_day\"\n");
        foreach (var row in rows.Skip(1))
        {
            expectedCsv.Append(string.Join(',', row.Select(v => $"\"{v}\""))).Append('\n');
        }

        Assert.Equal(expectedCsv.ToString(), csv);
        var metadata = JsonDocument.Parse(await lake.Emulator.Cli.RunRawAsync("s3", "cp", output + ".metadata", "-")).RootElement;
        Assert.Equal(["varchar", "bigint", "decimal", "date"], metadata.GetProperty("ColumnInfo").EnumerateArray().Select(c => c.GetProperty("Type").GetString()));
    }

    [Fact]
    public async Task ColumnInfoCarriesAthenaTypesAndValuesReadAsAthenaWritesThem()
    {
        var id = (await Cli.RunQueryAsync("""
            SELECT 42 AS i, 9007199254740993::BIGINT AS big, 12.50::DECIMAL(12,2) AS money, true AS b, DATE '2024-06-01' AS day,
                   TIMESTAMP '2024-06-01 12:30:45.25' AS at, NULL::VARCHAR AS nothing, 'a,b "c"' AS text, 1.5::DOUBLE AS d
            """)).GetProperty("QueryExecutionId").GetString()!;

        var result = await Cli.RunAsync("get-query-results", "--query-execution-id", id);

        var columns = result.GetProperty("ResultSet").GetProperty("ResultSetMetadata").GetProperty("ColumnInfo").EnumerateArray().ToList();
        Assert.Equal(["integer", "bigint", "decimal", "boolean", "date", "timestamp", "varchar", "varchar", "double"], columns.Select(c => c.GetProperty("Type").GetString()));
        Assert.Equal(12, columns[2].GetProperty("Precision").GetInt32());
        Assert.Equal(2, columns[2].GetProperty("Scale").GetInt32());
        var row = AthenaCli.Values(result.GetProperty("ResultSet").GetProperty("Rows")[1]);
        Assert.Equal<IEnumerable<string?>>(["42", "9007199254740993", "12.50", "true", "2024-06-01", "2024-06-01 12:30:45.250", null, "a,b \"c\"", "1.5"], row);
    }

    [Fact]
    public async Task ResultsPageWithMaxResultsAndNextTokenTheHeaderRowOnTheFirstPageOnly()
    {
        var id = (await Cli.RunQueryAsync($"SELECT order_id FROM {lake.Table} ORDER BY order_id")).GetProperty("QueryExecutionId").GetString()!;
        var (_, expected) = await lake.Service.QueryAsync($"SELECT order_id FROM {lake.Table} ORDER BY order_id");

        var seen = new List<string?>();
        string? token = null;
        var pages = 0;
        do
        {
            string[] args = ["get-query-results", "--query-execution-id", id, "--no-paginate", "--max-results", "25"];
            var page = await Cli.RunAsync(token is null ? args : [.. args, "--next-token", token]);
            var rows = page.GetProperty("ResultSet").GetProperty("Rows").EnumerateArray().Select(AthenaCli.Values).ToList();
            Assert.True(rows.Count <= 25);
            seen.AddRange(rows.Select(r => r[0]));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["order_id", .. expected.GetProperty("rows").EnumerateArray().Select(r => r[0].GetString())], seen);
    }

    [Fact]
    public async Task AnUnknownFunctionFailsWithAthenasErrorNamingIt()
    {
        var execution = await Cli.RunQueryAsync("SELECT 1,\n  no_such_function(2)");

        var status = execution.GetProperty("Status");
        Assert.Equal("FAILED", status.GetProperty("State").GetString());
        Assert.Equal("FUNCTION_NOT_FOUND: line 2:3: Function 'no_such_function' not registered", status.GetProperty("StateChangeReason").GetString());
        Assert.Equal(2, status.GetProperty("AthenaError").GetProperty("ErrorCategory").GetInt32());
        var error = await Assert.ThrowsAsync<AwsCliException>(() => Cli.RunAsync("get-query-results", "--query-execution-id", execution.GetProperty("QueryExecutionId").GetString()!));
        Assert.Contains("InvalidRequestException", error.Stderr);
        Assert.Contains("Final query state: FAILED", error.Stderr);
    }

    [Fact]
    public async Task SandboxRefusalsAndUnknownTablesFailTheExecution()
    {
        var write = await Cli.RunQueryAsync("CREATE TABLE t AS SELECT 1");
        var missing = await Cli.RunQueryAsync($"SELECT * FROM {lake.Lake.Options.GlueDatabase}.no_such_table");
        var otherDatabase = await Cli.RunQueryAsync("SELECT 1", "--query-execution-context", "Database=elsewhere");

        Assert.StartsWith("NOT_SUPPORTED: ", Reason(write));
        Assert.Equal($"TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.{lake.Lake.Options.GlueDatabase}.no_such_table' does not exist", Reason(missing));
        Assert.Equal("SCHEMA_NOT_FOUND: line 1:1: Schema 'elsewhere' does not exist", Reason(otherDatabase));
    }

    [Fact]
    public async Task TheSameClientRequestTokenStartsOneExecutionAndRefusesADifferentQuery()
    {
        var token = Guid.NewGuid().ToString("N") + "-idempotent";

        var first = await Cli.StartAsync("SELECT 7", "--client-request-token", token);
        var again = await Cli.StartAsync("SELECT 7", "--client-request-token", token);
        var error = await Assert.ThrowsAsync<AwsCliException>(() => Cli.StartAsync("SELECT 8", "--client-request-token", token));

        Assert.Equal(first, again);
        Assert.Contains("InvalidRequestException", error.Stderr);
    }

    [Fact]
    public async Task StopCancelsARunningQueryAndListAndBatchGetSeeIt()
    {
        // The AWS CLI starts too slowly to stop a query inside the served lake's 3 s timeout; Lake's client is quick.
        using var client = AthenaClients.For(lake);
        var id = (await client.StartQueryExecutionAsync(new() { QueryString = "SELECT max(hash(range)) FROM range(100000000000)" })).QueryExecutionId;

        await client.StopQueryExecutionAsync(new() { QueryExecutionId = id });
        var execution = await Cli.WaitAsync(id);
        var listed = await Cli.RunAsync("list-query-executions", "--work-group", "primary");
        var batch = await Cli.RunAsync("batch-get-query-execution", "--query-execution-ids", id, "no-such-id");

        Assert.True(execution.GetProperty("Status").GetProperty("State").GetString() == "CANCELLED", execution.ToString());
        Assert.Equal("Query cancelled by user", execution.GetProperty("Status").GetProperty("StateChangeReason").GetString());
        Assert.Contains(id, listed.GetProperty("QueryExecutionIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(id, batch.GetProperty("QueryExecutions")[0].GetProperty("QueryExecutionId").GetString());
        Assert.Equal("no-such-id", batch.GetProperty("UnprocessedQueryExecutionIds")[0].GetProperty("QueryExecutionId").GetString());
    }

    [Fact]
    public async Task CatalogsDatabasesTablesAndTheWorkGroupAreListed()
    {
        var database = lake.Lake.Options.GlueDatabase;

        var catalogs = await Cli.RunAsync("list-data-catalogs");
        var databases = await Cli.RunAsync("list-databases", "--catalog-name", "AwsDataCatalog");
        var tables = await Cli.RunAsync("list-table-metadata", "--catalog-name", "AwsDataCatalog", "--database-name", database);
        var table = await Cli.RunAsync("get-table-metadata", "--catalog-name", "AwsDataCatalog", "--database-name", database, "--table-name", CuratedOrders.Dataset);
        var workGroups = await Cli.RunAsync("list-work-groups");
        var primary = await Cli.RunAsync("get-work-group", "--work-group", "primary");
        var noTable = await Assert.ThrowsAsync<AwsCliException>(() => Cli.RunAsync("get-table-metadata", "--catalog-name", "AwsDataCatalog", "--database-name", database, "--table-name", "nope"));
        var noGroup = await Assert.ThrowsAsync<AwsCliException>(() => Cli.RunAsync("get-work-group", "--work-group", "nope"));

        Assert.Equal("AwsDataCatalog", catalogs.GetProperty("DataCatalogsSummary")[0].GetProperty("CatalogName").GetString());
        Assert.Equal([database], databases.GetProperty("DatabaseList").EnumerateArray().Select(d => d.GetProperty("Name").GetString()));
        Assert.Equal([CuratedOrders.Dataset], tables.GetProperty("TableMetadataList").EnumerateArray().Select(t => t.GetProperty("Name").GetString()));
        var metadata = table.GetProperty("TableMetadata");
        Assert.Contains(metadata.GetProperty("Columns").EnumerateArray(), c => c.GetProperty("Name").GetString() == "total" && c.GetProperty("Type").GetString() == "decimal(14,2)");
        Assert.Equal(["order_date"], metadata.GetProperty("PartitionKeys").EnumerateArray().Select(c => c.GetProperty("Name").GetString()));
        Assert.Equal([lake.Lake.Options.AthenaWorkGroup, "primary"], workGroups.GetProperty("WorkGroups").EnumerateArray().Select(w => w.GetProperty("Name").GetString()));
        Assert.Equal($"s3://{lake.Lake.Options.Buckets.AthenaResults}/",
            primary.GetProperty("WorkGroup").GetProperty("Configuration").GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString());
        Assert.Contains("MetadataException", noTable.Stderr);
        Assert.Contains("InvalidRequestException", noGroup.Stderr);
    }

    [Fact]
    public async Task AWrongSecretIsRefusedWithInvalidSignature()
    {
        var wrong = new AthenaCli(lake.Service.Process.BaseAddress, secretKey: "not-the-secret");

        var error = await Assert.ThrowsAsync<AwsCliException>(() => wrong.RunAsync("list-work-groups"));

        Assert.Contains("InvalidSignatureException", error.Stderr);
    }

    [Fact]
    public async Task AConfiguredClientKeySignsTooAnUnknownKeyDoesNot()
    {
        var client = new AthenaCli(lake.Service.Process.BaseAddress, ServedLake.AthenaClientSecret, ServedLake.AthenaClientKey);
        var wrongSecret = new AthenaCli(lake.Service.Process.BaseAddress, "not-the-secret", ServedLake.AthenaClientKey);
        var unknown = new AthenaCli(lake.Service.Process.BaseAddress, ServedLake.AthenaClientSecret, "AKIANOBODY");

        var groups = await client.RunAsync("list-work-groups");
        var badSignature = await Assert.ThrowsAsync<AwsCliException>(() => wrongSecret.RunAsync("list-work-groups"));
        var badKey = await Assert.ThrowsAsync<AwsCliException>(() => unknown.RunAsync("list-work-groups"));

        Assert.Contains(groups.GetProperty("WorkGroups").EnumerateArray(), g => g.GetProperty("Name").GetString() == "primary");
        Assert.Contains("InvalidSignatureException", badSignature.Stderr);
        Assert.Contains("UnrecognizedClientException", badKey.Stderr);
    }

    [Fact]
    public async Task UnsignedAndCrossOriginRequestsAreRefusedWith403()
    {
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") };
        unsigned.Headers.Add("X-Amz-Target", "AmazonAthena.ListWorkGroups");
        using var crossOrigin = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") };
        crossOrigin.Headers.Add("X-Amz-Target", "AmazonAthena.ListWorkGroups");
        crossOrigin.Headers.Add("Origin", "https://evil.example");

        using var first = await lake.Service.Http.SendAsync(unsigned);
        using var second = await lake.Service.Http.SendAsync(crossOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("AccessDeniedException", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task TheConsoleIsStillServedAtTheRootForGet()
    {
        using var response = await lake.Service.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Numbers(string?[] row) =>
        string.Join('|', row.Select(v => decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n.ToString("G29", System.Globalization.CultureInfo.InvariantCulture) + "m" : v));

    private static string? Reason(JsonElement execution) => execution.GetProperty("Status").GetProperty("StateChangeReason").GetString();
}
