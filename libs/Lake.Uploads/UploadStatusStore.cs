using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Lake.Uploads;

/// <summary>
/// The upload status table (key <c>UploadId</c> + <c>Sk</c>): one <c>STATUS</c> item with the current stage,
/// one <c>STAGE#{stage}</c> item per stage reached, and a <c>PROCESSED</c> item with the processing timestamp.
/// Recording a stage twice overwrites it (a redelivered message has its effect once), and the current stage never moves backwards (a late duplicate of an
/// earlier stage does not undo a later one). Thread-safe.
/// </summary>
public sealed class UploadStatusStore(IAmazonDynamoDB dynamo, string tableName)
{
    private const string StatusSk = "STATUS";
    private const string StagePrefix = "STAGE#";
    private const string ProcessedSk = "PROCESSED";
    private static readonly string[] StatusAttributes = ["Stage", "Dataset", "FileName", "CreatedAt", "UpdatedAt"];

    /// <summary>Records that <paramref name="uploadId"/> reached <paramref name="stage"/>, with what the stage reports.</summary>
    public async Task RecordStageAsync(
        UploadId uploadId, string dataset, string fileName, UploadStage stage,
        IReadOnlyDictionary<string, string>? details = null, CancellationToken cancellationToken = default)
    {
        var now = await RecordHistoryAsync(uploadId, stage, details, cancellationToken);
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(uploadId, StatusSk),
                UpdateExpression = "SET Stage = :stage, StageRank = :rank, UpdatedAt = :now, "
                    + "Dataset = if_not_exists(Dataset, :dataset), FileName = if_not_exists(FileName, :file), CreatedAt = if_not_exists(CreatedAt, :now)",
                ConditionExpression = "attribute_not_exists(StageRank) OR StageRank <= :rank",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":stage"] = new(stage.ToString()),
                    [":rank"] = new() { N = ((int)stage).ToString(CultureInfo.InvariantCulture) },
                    [":now"] = new(now),
                    [":dataset"] = new(dataset),
                    [":file"] = new(fileName),
                },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // A later stage is already recorded: this one joins the history but is not current.
        }
    }

    /// <summary>
    /// Adds <paramref name="stage"/> to the upload's history (again: overwrites it) without making it the current stage,
    /// as <see cref="UploadStage.Served"/> follows the final Cataloged.
    /// </summary>
    /// <returns>The time recorded.</returns>
    public async Task<string> RecordHistoryAsync(
        UploadId uploadId, UploadStage stage, IReadOnlyDictionary<string, string>? details = null, CancellationToken cancellationToken = default)
    {
        var now = Timestamp(DateTimeOffset.UtcNow);
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["UploadId"] = new(uploadId.Value),
                ["Sk"] = new(StagePrefix + stage),
                ["Stage"] = new(stage.ToString()),
                ["At"] = new(now),
                ["Details"] = new AttributeValue { M = (details ?? new Dictionary<string, string>()).ToDictionary(d => d.Key, d => new AttributeValue(d.Value)) },
            },
        }, cancellationToken);
        return now;
    }

    /// <summary>
    /// The upload's processing timestamp, recorded once: the first call stores <paramref name="now"/>, every later
    /// one (a retried or redelivered upload) gets the stored value back, so what is keyed by it is rewritten, not
    /// written twice.
    /// </summary>
    public async Task<DateTimeOffset> ProcessedAtAsync(UploadId uploadId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var item = Key(uploadId, ProcessedSk);
        item["At"] = new(Timestamp(now));
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item, ConditionExpression = "attribute_not_exists(UploadId)" }, cancellationToken);
            return DateTimeOffset.Parse(item["At"].S, CultureInfo.InvariantCulture);
        }
        catch (ConditionalCheckFailedException)
        {
            var stored = await dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(uploadId, ProcessedSk), ConsistentRead = true }, cancellationToken);
            return DateTimeOffset.Parse(stored.Item["At"].S, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The upload's status and history, or null when no stage was ever recorded for it.</summary>
    public async Task<UploadStatus?> GetAsync(UploadId uploadId, CancellationToken cancellationToken = default)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                ConsistentRead = true,
                KeyConditionExpression = "UploadId = :id",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = new(uploadId.Value) },
                ExclusiveStartKey = start,
            }, cancellationToken);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        // STATUS is written by one update that sets every attribute; an item without them is a torn read (moto
        // applies an update's actions one by one while serving reads), so the status is not there yet.
        var status = items.FirstOrDefault(i => i["Sk"].S == StatusSk);
        if (status is null || !StatusAttributes.All(status.ContainsKey))
        {
            return null;
        }

        var history = items.Where(i => i["Sk"].S.StartsWith(StagePrefix, StringComparison.Ordinal))
            .Select(i => new StageRecord(
                Enum.Parse<UploadStage>(i["Stage"].S),
                DateTimeOffset.Parse(i["At"].S, CultureInfo.InvariantCulture),
                (i.GetValueOrDefault("Details")?.M ?? []).ToDictionary(d => d.Key, d => d.Value.S)))
            .OrderBy(r => r.At).ThenBy(r => r.Stage)
            .ToList();

        // The status's details are every stage's, later stages winning: rows, reason, partitions ... in one place.
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in history.SelectMany(h => h.Details))
        {
            details[key] = value;
        }

        return new UploadStatus(
            uploadId, status["Dataset"].S, status["FileName"].S, Enum.Parse<UploadStage>(status["Stage"].S),
            DateTimeOffset.Parse(status["CreatedAt"].S, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(status["UpdatedAt"].S, CultureInfo.InvariantCulture),
            details, history);
    }

    /// <summary>
    /// The most recently updated uploads, newest first, at most <paramref name="limit"/>. A Scan of the table that
    /// reads at most <paramref name="maxItemsScanned"/> items (every stage item counts), so its cost stays bounded on
    /// a large table; beyond that bound older uploads may be missed. Meant for a local dashboard, not for a hot path.
    /// </summary>
    public async Task<IReadOnlyList<UploadSummary>> ListRecentAsync(int limit = 100, int maxItemsScanned = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var found = new List<UploadSummary>();
        var scanned = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = tableName,
                FilterExpression = "Sk = :status",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":status"] = new(StatusSk) },
                Limit = Math.Min(1000, maxItemsScanned - scanned),
                ExclusiveStartKey = start,
            }, cancellationToken);
            scanned += page.ScannedCount ?? 0;
            found.AddRange((page.Items ?? []).Where(i => UploadId.TryParse(i["UploadId"].S, out _)).Select(Summary));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && scanned < maxItemsScanned);

        return [.. found.OrderByDescending(u => u.UpdatedAt).ThenBy(u => u.UploadId.Value, StringComparer.Ordinal).Take(limit)];
    }

    private static UploadSummary Summary(Dictionary<string, AttributeValue> status) => new(
        UploadId.Parse(status["UploadId"].S), status["Dataset"].S, status["FileName"].S, Enum.Parse<UploadStage>(status["Stage"].S),
        DateTimeOffset.Parse(status["CreatedAt"].S, CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(status["UpdatedAt"].S, CultureInfo.InvariantCulture));

    private static Dictionary<string, AttributeValue> Key(UploadId uploadId, string sk) => new()
    {
        ["UploadId"] = new(uploadId.Value),
        ["Sk"] = new(sk),
    };

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
