using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Lake.Provisioning;

/// <summary>
/// The upload status table: partition key <c>UploadId</c>, sort key <c>Sk</c> (<c>STATUS</c> for the
/// current state, <c>STAGE#...</c> for each step of its history), billed per request.
/// </summary>
internal sealed class StatusTableProvisioner(IAmazonDynamoDB dynamo)
{
    public const string PartitionKey = "UploadId";
    public const string SortKey = "Sk";

    public async Task EnsureAsync(string name, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var action = ProvisioningAction.Unchanged;
        TableDescription table;
        try
        {
            table = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = name }, cancellationToken)).Table;
            EnsureKeySchema(table);
        }
        catch (ResourceNotFoundException)
        {
            table = await CreateAsync(name, cancellationToken);
            action = ProvisioningAction.Created;
        }

        report.Add(ResourceKinds.StatusTable, name, table.TableArn, action);
    }

    private async Task<TableDescription> CreateAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions =
                [
                    new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
                    new AttributeDefinition(SortKey, ScalarAttributeType.S),
                ],
                KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
            }, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // A concurrent run created it first.
        }

        return await WaitUntilActiveAsync(name, cancellationToken);
    }

    private async Task<TableDescription> WaitUntilActiveAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var table = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = name }, cancellationToken)).Table;
            if (table.TableStatus == TableStatus.ACTIVE)
            {
                return table;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ProvisioningException($"DynamoDB table '{name}' is still {table.TableStatus} after 2 minutes.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static void EnsureKeySchema(TableDescription table)
    {
        var keys = table.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}").ToHashSet();
        if (!keys.SetEquals([$"{PartitionKey}:{KeyType.HASH}", $"{SortKey}:{KeyType.RANGE}"]))
        {
            throw new ProvisioningException(
                $"DynamoDB table '{table.TableName}' exists with key schema ({string.Join(", ", keys)}), not ({PartitionKey} HASH, {SortKey} RANGE): choose another Lake:StatusTable or drop it.");
        }
    }
}
