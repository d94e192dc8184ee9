using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Lake.Serving;

namespace Lake.Provisioning;

/// <summary>
/// DynamoDB tables with a partition and a sort key, billed per request: the upload status table (<c>UploadId</c>,
/// <c>Sk</c>: <c>STATUS</c> for the current state, <c>STAGE#...</c> for each step of its history) and each
/// contract's serving table.
/// </summary>
internal sealed class TableProvisioner(IAmazonDynamoDB dynamo)
{
    public static readonly TableKeySchema StatusTableKeys = new("UploadId", ScalarAttributeType.S, "Sk");

    /// <param name="setting">The setting that names the table, for the error when it exists with other keys.</param>
    public async Task EnsureAsync(string kind, string name, TableKeySchema keys, string setting, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var action = ProvisioningAction.Unchanged;
        TableDescription table;
        try
        {
            table = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = name }, cancellationToken)).Table;
            if (!keys.Matches(table))
            {
                var found = string.Join(", ", (table.KeySchema ?? []).Select(k => $"{k.AttributeName} {k.KeyType}"));
                throw new ProvisioningException($"DynamoDB table '{name}' exists with key schema ({found}), not ({keys}): choose another {setting} or drop it.");
            }
        }
        catch (ResourceNotFoundException)
        {
            table = await CreateAsync(name, keys, cancellationToken);
            action = ProvisioningAction.Created;
        }

        report.Add(kind, name, table.TableArn, action);
    }

    private async Task<TableDescription> CreateAsync(string name, TableKeySchema keys, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = keys.AttributeDefinitions,
                KeySchema = keys.KeySchema,
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
}
