using System.Text.Json;
using Lake.Testing;
using Microsoft.Extensions.Options;

namespace Lake.Provisioning.Tests;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class LakeProvisionerTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task FirstRunCreatesEveryResourceTheAwsCliCanSee()
    {
        using var lake = new TestLake(emulator);

        var report = await lake.Provisioner.ProvisionAsync();

        Assert.All(report.Resources, r => Assert.Equal(ProvisioningAction.Created, r.Action));
        var buckets = (await emulator.Cli.RunAsync("s3api", "list-buckets"))!.Value
            .GetProperty("Buckets").EnumerateArray().Select(b => b.GetProperty("Name").GetString()).ToHashSet();
        Assert.All(lake.Options.Buckets.All, b => Assert.Contains(b.Name, buckets));

        var database = await emulator.Cli.RunAsync("glue", "get-database", "--name", lake.Options.GlueDatabase);
        Assert.Equal(lake.Options.GlueDatabase, database!.Value.GetProperty("Database").GetProperty("Name").GetString());

        var table = (await emulator.Cli.RunAsync("dynamodb", "describe-table", "--table-name", lake.Options.StatusTable))!.Value.GetProperty("Table");
        Assert.Equal("ACTIVE", table.GetProperty("TableStatus").GetString());
        Assert.Equal(["UploadId:HASH", "Sk:RANGE"], table.GetProperty("KeySchema").EnumerateArray()
            .Select(k => $"{k.GetProperty("AttributeName").GetString()}:{k.GetProperty("KeyType").GetString()}"));

        var topics = (await emulator.Cli.RunAsync("sns", "list-topics"))!.Value.GetProperty("Topics").EnumerateArray()
            .Select(t => t.GetProperty("TopicArn").GetString()!);
        Assert.Contains(topics, arn => arn.EndsWith($":{lake.Options.AlertsTopic}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkQueuesRedriveToTheirDeadLetterQueueAfterThreeReceives()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();

        var attributes = await QueueAttributesAsync(lake.Options.Queues.Validate.Name);
        Assert.Equal("30", attributes.GetProperty("VisibilityTimeout").GetString());
        var redrive = JsonDocument.Parse(attributes.GetProperty("RedrivePolicy").GetString()!).RootElement;
        Assert.EndsWith($":{lake.Options.Queues.Validate.DeadLetterQueueName}", redrive.GetProperty("deadLetterTargetArn").GetString());
        Assert.Equal("3", redrive.GetProperty("maxReceiveCount").ToString());

        // A poison message: received and never deleted. The fourth receive finds it in the DLQ instead.
        // (First the s3:TestEvent that configuring the raw bucket's notification sent goes.)
        var url = await QueueUrlAsync(lake.Options.Queues.Validate.Name);
        await emulator.Cli.RunAsync("sqs", "purge-queue", "--queue-url", url);
        await emulator.Cli.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", "poison");
        for (var i = 0; i < 3; i++)
        {
            var received = await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--visibility-timeout", "0", "--wait-time-seconds", "1");
            Assert.Equal("poison", received!.Value.GetProperty("Messages")[0].GetProperty("Body").GetString());
        }

        var fourth = await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "1");
        Assert.True(fourth is null || !fourth.Value.TryGetProperty("Messages", out _), "the message should have left the work queue");
        var dlq = await QueueUrlAsync(lake.Options.Queues.Validate.DeadLetterQueueName);
        var dead = await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", dlq, "--wait-time-seconds", "1");
        Assert.Equal("poison", dead!.Value.GetProperty("Messages")[0].GetProperty("Body").GetString());
    }

    [Fact]
    public async Task AnAlertPublishedToTheTopicArrivesInTheAlertsInboxWithItsSubject()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{lake.Options.AlertsTopic}";

        await emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "upload rejected", "--message", "{\"type\":\"upload.rejected\"}");

        var inbox = await QueueUrlAsync(lake.Options.AlertsInbox);
        var received = await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", inbox, "--wait-time-seconds", "5");
        var envelope = JsonDocument.Parse(received!.Value.GetProperty("Messages")[0].GetProperty("Body").GetString()!).RootElement;
        Assert.Equal("upload rejected", envelope.GetProperty("Subject").GetString());
        Assert.Equal("{\"type\":\"upload.rejected\"}", envelope.GetProperty("Message").GetString());
        Assert.Equal(topic, envelope.GetProperty("TopicArn").GetString());
    }

    [Fact]
    public async Task SecondRunChangesNothing()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var before = await StateAsync(lake);

        var second = await lake.Provisioner.ProvisionAsync();

        Assert.True(second.ChangedNothing, string.Join("; ", second.Resources.Where(r => r.Action != ProvisioningAction.Unchanged)));
        Assert.Equal(before, await StateAsync(lake));
    }

    [Fact]
    public async Task DriftedQueueSettingsArePutRight()
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var url = await QueueUrlAsync(lake.Options.Queues.Transform.Name);
        await emulator.Cli.RunAsync("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "VisibilityTimeout=5");

        var report = await lake.Provisioner.ProvisionAsync();

        Assert.Equal(ProvisioningAction.Updated, report.Find(ResourceKinds.Queue, lake.Options.Queues.Transform.Name).Action);
        Assert.Equal("120", (await QueueAttributesAsync(lake.Options.Queues.Transform.Name)).GetProperty("VisibilityTimeout").GetString());

        // moto drops a queue's Policy when any other attribute is set (real SQS does not), so the policy may be restored
        // too; nothing outside that queue may change.
        Assert.All(report.Resources.Where(r => r.Action != ProvisioningAction.Unchanged),
            r => Assert.Equal(lake.Options.Queues.Transform.Name, r.Name));
    }

    [Theory]
    [InlineData("raw", "validate")]
    [InlineData("clean", "transform")]
    public async Task AnObjectCreatedInABucketArrivesOnItsQueueAsAnS3Event(string zone, string queue)
    {
        using var lake = new TestLake(emulator);
        await lake.Provisioner.ProvisionAsync();
        var bucket = zone == "raw" ? lake.Options.Buckets.Raw : lake.Options.Buckets.Clean;
        var queueName = queue == "validate" ? lake.Options.Queues.Validate.Name : lake.Options.Queues.Transform.Name;
        var key = "orders/ingest_date=2024-06-01/upload 1.csv";
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "order_id\n1\n");

        await emulator.Cli.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file);

        File.Delete(file);
        var record = await NextObjectCreatedRecordAsync(await QueueUrlAsync(queueName));
        Assert.Equal(bucket, record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal(key, Uri.UnescapeDataString(record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!.Replace('+', ' ')));
        Assert.StartsWith("ObjectCreated:", record.GetProperty("eventName").GetString());
    }

    [Fact]
    public async Task AnInvalidNameFailsBeforeAnythingIsCreatedAndNamesItsSetting()
    {
        using var lake = new TestLake(emulator);
        lake.Options.Buckets.Curated = "Not_A_Bucket";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => lake.Provisioner.ProvisionAsync());

        Assert.Contains("Lake:Buckets:Curated", error.Message);
        var buckets = await emulator.Cli.RunRawAsync("s3api", "list-buckets");
        Assert.DoesNotContain(lake.Options.Buckets.Raw, buckets);
    }

    [Fact]
    public async Task AStatusTableWithAnotherKeySchemaIsRefusedWithAClearMessage()
    {
        using var lake = new TestLake(emulator);
        await emulator.Cli.RunAsync("dynamodb", "create-table", "--table-name", lake.Options.StatusTable,
            "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
            "--billing-mode", "PAY_PER_REQUEST");

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => lake.Provisioner.ProvisionAsync());

        Assert.Contains(lake.Options.StatusTable, error.Message);
        Assert.Contains("UploadId HASH", error.Message);
    }

    [Fact]
    public async Task EachContractsServingTableIsCreatedWithItsKeysAndAServingTableWithOtherKeysIsRefused()
    {
        using var lake = new TestLake(emulator);
        var served = $"{lake.Options.ServingTablePrefix}orders";

        var report = await lake.Provisioner.ProvisionAsync();

        Assert.Contains(report.Resources, r => r.Kind == ResourceKinds.ServingTable && r.Name == served && r.Action == ProvisioningAction.Created);
        var table = (await emulator.Cli.RunAsync("dynamodb", "describe-table", "--table-name", served))!.Value.GetProperty("Table");
        Assert.Equal(["order_id HASH", "processed_at RANGE"], table.GetProperty("KeySchema").EnumerateArray().Select(k => $"{k.GetProperty("AttributeName").GetString()} {k.GetProperty("KeyType").GetString()}"));
        Assert.Equal(["order_id S", "processed_at S"], table.GetProperty("AttributeDefinitions").EnumerateArray().Select(k => $"{k.GetProperty("AttributeName").GetString()} {k.GetProperty("AttributeType").GetString()}").Order());
        Assert.Contains((await lake.Provisioner.ProvisionAsync()).Resources, r => r.Name == served && r.Action == ProvisioningAction.Unchanged);

        using var other = new TestLake(emulator);
        await emulator.Cli.RunAsync("dynamodb", "create-table", "--table-name", $"{other.Options.ServingTablePrefix}orders",
            "--attribute-definitions", "AttributeName=order_id,AttributeType=S", "--key-schema", "AttributeName=order_id,KeyType=HASH",
            "--billing-mode", "PAY_PER_REQUEST");
        var error = await Assert.ThrowsAsync<ProvisioningException>(() => other.Provisioner.ProvisionAsync());
        Assert.Contains("processed_at RANGE (S)", error.Message);
        Assert.Contains("orders.yaml", error.Message);
    }

    private async Task<JsonElement> NextObjectCreatedRecordAsync(string queueUrl)
    {
        // moto, like S3, may first deliver an s3:TestEvent when the notification is configured.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var received = await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "2");
            if (received is not { } r || !r.TryGetProperty("Messages", out var messages))
            {
                continue;
            }

            var body = JsonDocument.Parse(messages[0].GetProperty("Body").GetString()!).RootElement;
            await emulator.Cli.RunAsync("sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", messages[0].GetProperty("ReceiptHandle").GetString()!);
            if (body.TryGetProperty("Records", out var records))
            {
                return records[0].Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"no ObjectCreated event reached {queueUrl}");
    }

    private async Task<string> QueueUrlAsync(string name) =>
        (await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", name))!.Value.GetProperty("QueueUrl").GetString()!;

    private async Task<JsonElement> QueueAttributesAsync(string name) =>
        (await emulator.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", await QueueUrlAsync(name), "--attribute-names", "All"))!
            .Value.GetProperty("Attributes");

    /// <summary>Everything provisioning decides, as the AWS CLI sees it, minus what moves by itself (counts, timestamps).</summary>
    private async Task<string> StateAsync(TestLake lake)
    {
        var o = lake.Options;
        var parts = new List<string>();
        foreach (var queue in new[] { o.Queues.Validate.Name, o.Queues.Validate.DeadLetterQueueName, o.Queues.Transform.Name, o.Queues.Transform.DeadLetterQueueName })
        {
            var attributes = await QueueAttributesAsync(queue);
            parts.AddRange(attributes.EnumerateObject()
                .Where(a => !a.Name.StartsWith("Approximate", StringComparison.Ordinal) && !a.Name.EndsWith("Timestamp", StringComparison.Ordinal))
                .Select(a => $"{queue}.{a.Name}={a.Value}"));
        }

        foreach (var bucket in new[] { o.Buckets.Raw, o.Buckets.Clean })
        {
            parts.Add(await emulator.Cli.RunRawAsync("s3api", "get-bucket-notification-configuration", "--bucket", bucket));
        }

        var table = (await emulator.Cli.RunAsync("dynamodb", "describe-table", "--table-name", o.StatusTable))!.Value.GetProperty("Table");
        parts.Add(table.GetProperty("TableArn").GetString()! + table.GetProperty("CreationDateTime"));
        parts.Add((await emulator.Cli.RunAsync("glue", "get-database", "--name", o.GlueDatabase))!.Value.GetProperty("Database").ToString());
        return string.Join('\n', parts);
    }
}
