using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using Lake.Aws;
using Lake.Aws.Glue;
using Lake.Aws.Sns;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Serving;

namespace Lake.Provisioning;

/// <summary>
/// Brings the lake's resources (DESIGN §2) to their configured state: creates what is missing, puts
/// right what drifted, leaves the rest alone. Running it twice changes nothing the second time.
/// It never deletes anything.
/// </summary>
public sealed class LakeProvisioner(
    LakeOptions options, ContractCatalog contracts, string region, IAmazonS3 s3, IAmazonSQS sqs, SnsClient sns, GlueClient glue, IAmazonDynamoDB dynamo)
{
    /// <summary>Builds a provisioner over <paramref name="clients"/>, with the contracts of <see cref="LakeOptions.ContractsDirectory"/>.</summary>
    /// <exception cref="ContractException">A contract cannot be loaded.</exception>
    public LakeProvisioner(LakeOptions options, LakeAwsClients clients)
        : this(options, ContractCatalog.Load(options.ContractsDirectory), clients.Region, clients.S3, clients.Sqs, clients.Sns, clients.Glue, clients.DynamoDb)
    {
    }

    /// <summary>Runs every step in dependency order; the report lists each resource and what was done to it.</summary>
    /// <exception cref="ProvisioningException">A resource exists in a shape Lake cannot use.</exception>
    public async Task<ProvisioningReport> ProvisionAsync(CancellationToken cancellationToken = default)
    {
        LakeOptionsValidator.EnsureValid(options);
        var report = new ProvisioningReport();

        await new BucketProvisioner(s3, region).EnsureAsync(options.Buckets, report, cancellationToken);

        var queues = new QueueProvisioner(sqs);
        var validate = await queues.EnsureAsync(options.Queues.Validate, options.Queues.MaxReceiveCount, report, cancellationToken);
        var transform = await queues.EnsureAsync(options.Queues.Transform, options.Queues.MaxReceiveCount, report, cancellationToken);

        // The queue policy must be in place before S3 accepts the notification on real AWS.
        await queues.EnsureS3MaySendAsync(validate.Url, validate.Arn, options.Buckets.Raw, report, cancellationToken);
        await queues.EnsureS3MaySendAsync(transform.Url, transform.Arn, options.Buckets.Clean, report, cancellationToken);
        var notifications = new NotificationProvisioner(s3);
        await notifications.EnsureAsync(options.Buckets.Raw, validate.Arn, report, cancellationToken);
        await notifications.EnsureAsync(options.Buckets.Clean, transform.Arn, report, cancellationToken);

        var topicArn = await new TopicProvisioner(sns).EnsureAsync(options.AlertsTopic, AwsArn.Sibling(validate.Arn, "sns", options.AlertsTopic), report, cancellationToken);
        await new AlertsInboxProvisioner(queues, sns).EnsureAsync(options.AlertsInbox, topicArn, report, cancellationToken);
        await new CatalogProvisioner(glue).EnsureDatabaseAsync(options.GlueDatabase, options.Buckets.Curated, report, cancellationToken);
        var tables = new TableProvisioner(dynamo);
        await tables.EnsureAsync(ResourceKinds.StatusTable, options.StatusTable, TableProvisioner.StatusTableKeys, $"{LakeOptions.SectionName}:StatusTable", report, cancellationToken);
        foreach (var contract in contracts.Values.Where(c => c.Serving is not null).OrderBy(c => c.Dataset, StringComparer.Ordinal))
        {
            await tables.EnsureAsync(ResourceKinds.ServingTable, contract.Serving!.PhysicalName(options.ServingTablePrefix), TableKeySchema.For(contract),
                $"serving table in {contract.SourceName}", report, cancellationToken);
        }

        return report;
    }
}
