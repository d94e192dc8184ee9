using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Lake.Functions.IngestHttp.Runs;

/// <summary>
/// The runs of a dataset's schedule, in the upload status table beside the uploads: key <c>UploadId</c> =
/// <c>RUN#{dataset}</c>, <c>Sk</c> = the scheduled time (ISO 8601 UTC), so a dataset's runs read back in time order
/// with one Query. A run recorded again (a retry of its window) is overwritten.
/// </summary>
public sealed class IngestRunStore(IAmazonDynamoDB dynamo, string tableName)
{
    public const string KeyPrefix = "RUN#";

    public Task RecordAsync(IngestRunResult run, CancellationToken cancellationToken)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["UploadId"] = new(KeyPrefix + run.Dataset),
            ["Sk"] = new(Fetching.SourceReader.Iso(run.ScheduledTime)),
            ["Outcome"] = new(run.Outcome),
            ["WindowStart"] = new(Fetching.SourceReader.Iso(run.WindowStart)),
            ["RunUploadId"] = new(run.UploadId),
            ["RawKey"] = new(run.RawKey),
            ["Records"] = new() { N = run.Records.ToString(CultureInfo.InvariantCulture) },
            ["Pages"] = new() { N = run.Pages.ToString(CultureInfo.InvariantCulture) },
            ["At"] = new(DateTimeOffset.UtcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        };
        if (run.Reason is not null)
        {
            item["Reason"] = new(run.Reason);
        }

        return dynamo.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken);
    }

    /// <summary>The dataset's runs, oldest first (at most <paramref name="limit"/> of the latest).</summary>
    public async Task<IReadOnlyList<(string ScheduledTime, string Outcome, int Records, string? Reason)>> ListAsync(string dataset, int limit = 100, CancellationToken cancellationToken = default)
    {
        var page = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            KeyConditionExpression = "UploadId = :run",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":run"] = new(KeyPrefix + dataset) },
            ScanIndexForward = false,
            Limit = limit,
        }, cancellationToken);
        return [.. (page.Items ?? []).Select(i => (i["Sk"].S, i["Outcome"].S, int.Parse(i["Records"].N, CultureInfo.InvariantCulture), i.GetValueOrDefault("Reason")?.S)).Reverse()];
    }
}
