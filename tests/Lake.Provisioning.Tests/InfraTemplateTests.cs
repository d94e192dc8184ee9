using System.Text.Json;
using Lake.Configuration;
using Lake.Testing;

namespace Lake.Provisioning.Tests;

/// <summary>
/// infra/template.yaml (for AWS) and the provisioner (for the emulator) must describe the same lake.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class InfraTemplateTests(EmulatorFixture emulator)
{
    private static readonly string TemplatePath = Path.Combine(RepoPaths.Root, "infra", "template.yaml");

    [Fact]
    public async Task TemplatePassesCfnLint()
    {
        var result = await ProcessRunner.RunAsync("cfn-lint", [TemplatePath]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task TemplateDefaultsAreTheProvisionersDefaults()
    {
        var parameters = (await DecodeTemplateAsync()).GetProperty("Parameters");
        string Default(string name) => parameters.GetProperty(name).GetProperty("Default").ToString();
        var lake = new LakeOptions();

        Assert.Equal(lake.Buckets.Raw, Default("RawBucketName"));
        Assert.Equal(lake.Buckets.Clean, Default("CleanBucketName"));
        Assert.Equal(lake.Buckets.Rejected, Default("RejectedBucketName"));
        Assert.Equal(lake.Buckets.Curated, Default("CuratedBucketName"));
        Assert.Equal(lake.Buckets.Quarantine, Default("QuarantineBucketName"));
        Assert.Equal(lake.Buckets.AthenaResults, Default("AthenaResultsBucketName"));
        Assert.Equal(lake.AthenaWorkGroup, Default("AthenaWorkGroupName"));
        Assert.Equal(lake.Queues.Validate.Name, Default("ValidateQueueName"));
        Assert.Equal(lake.Queues.Validate.VisibilityTimeoutSeconds.ToString(), Default("ValidateQueueVisibilityTimeout"));
        Assert.Equal(lake.Queues.Transform.Name, Default("TransformQueueName"));
        Assert.Equal(lake.Queues.Transform.VisibilityTimeoutSeconds.ToString(), Default("TransformQueueVisibilityTimeout"));
        Assert.Equal(lake.Queues.MaxReceiveCount.ToString(), Default("MaxReceiveCount"));
        Assert.Equal(lake.AlertsTopic, Default("AlertsTopicName"));
        Assert.Equal(lake.AlertsInbox, Default("AlertsInboxQueueName"));
        Assert.Equal(lake.GlueDatabase, Default("GlueDatabaseName"));
        Assert.Equal(lake.StatusTable, Default("StatusTableName"));
        Assert.Equal(lake.ServingTablePrefix, Default("ServingTablePrefix"));

        // The provisioner's own appsettings.json says the same.
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "services", "Lake.Provisioner", "appsettings.json")));
        var section = settings.RootElement.GetProperty("Lake");
        Assert.Equal(Default("RawBucketName"), section.GetProperty("Buckets").GetProperty("Raw").GetString());
        Assert.Equal(Default("TransformQueueVisibilityTimeout"), section.GetProperty("Queues").GetProperty("Transform").GetProperty("VisibilityTimeoutSeconds").ToString());
        Assert.Equal(Default("StatusTableName"), section.GetProperty("StatusTable").GetString());
        Assert.Equal(Default("AlertsInboxQueueName"), section.GetProperty("AlertsInbox").GetString());
    }

    [Fact]
    public async Task TemplateDeclaresEveryKindOfResourceTheProvisionerReports()
    {
        var resources = (await DecodeTemplateAsync()).GetProperty("Resources").EnumerateObject()
            .GroupBy(r => r.Value.GetProperty("Type").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        using var lake = new TestLake(emulator);
        var report = await lake.Provisioner.ProvisionAsync();
        int Reported(string kind) => report.Resources.Count(r => r.Kind == kind);

        Assert.Equal(Reported(ResourceKinds.Bucket), resources["AWS::S3::Bucket"]);
        Assert.Equal(Reported(ResourceKinds.Queue), resources["AWS::SQS::Queue"]);
        Assert.Equal(Reported(ResourceKinds.QueuePolicy), resources["AWS::SQS::QueuePolicy"]);
        Assert.Equal(Reported(ResourceKinds.Topic), resources["AWS::SNS::Topic"]);
        Assert.Equal(Reported(ResourceKinds.GlueDatabase), resources["AWS::Glue::Database"]);
        Assert.Equal(Reported(ResourceKinds.StatusTable) + Reported(ResourceKinds.ServingTable), resources["AWS::DynamoDB::Table"]);
        // Bucket notifications and topic subscriptions are properties of their bucket and topic in the template.
        var subscriptions = (await DecodeTemplateAsync()).GetProperty("Resources").GetProperty("AlertsTopic").GetProperty("Properties").GetProperty("Subscription");
        Assert.Equal(Reported(ResourceKinds.Subscription), subscriptions.GetArrayLength());
        // Alarms are evaluated locally by the transform service, not provisioned (TemplateDeclaresTheAlarmsOfAlarmsYaml);
        // the Athena workgroup is the query service itself locally: the template has it, the provisioner does not.
        Assert.Equal(1, resources["AWS::Athena::WorkGroup"]);
        // One managed policy per service and function (ingest API, validate, ingest-http, transform, query, console):
        // the emulator enforces them for their keys (AppHost/Emulator/lake_policy.py); nothing provisions them locally.
        Assert.Equal(6, resources["AWS::IAM::ManagedPolicy"]);
        Assert.Equal(report.Resources.Count - Reported(ResourceKinds.BucketNotification) - Reported(ResourceKinds.Subscription),
            resources.Values.Sum() - resources.GetValueOrDefault("AWS::CloudWatch::Alarm") - 1 - resources["AWS::IAM::ManagedPolicy"]
            - resources.GetValueOrDefault("AWS::Scheduler::Schedule") - resources.GetValueOrDefault("AWS::IAM::Role"));
        // Schedules are the scheduler service locally (TemplateSchedulesEveryHttpSourceOfTheContracts), with one invoke role.
        Assert.Equal(1, resources["AWS::IAM::Role"]);
    }

    [Fact]
    public async Task TemplateSchedulesEveryHttpSourceOfTheContractsAsTheLocalSchedulerDoes()
    {
        var resources = (await DecodeTemplateAsync()).GetProperty("Resources");
        var schedules = resources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Scheduler::Schedule")
            .Select(r => r.Value.GetProperty("Properties"))
            .ToDictionary(p => Input(p).GetProperty("dataset").GetString()!);
        var sources = Lake.Contracts.ContractCatalog.LoadDirectory(Path.Combine(RepoPaths.Root, "contracts")).Values.Where(c => c.Source is not null).ToList();
        const string Function = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${IngestHttpFunctionName}";

        Assert.NotEmpty(sources);
        Assert.Equal(sources.Select(c => c.Dataset).Order(), schedules.Keys.Order());
        foreach (var contract in sources)
        {
            var schedule = schedules[contract.Dataset];
            var target = schedule.GetProperty("Target");
            Assert.Equal(contract.Source!.Schedule.Text, schedule.GetProperty("ScheduleExpression").GetString());
            Assert.Equal("UTC", schedule.GetProperty("ScheduleExpressionTimezone").GetString());
            Assert.Equal("<aws.scheduler.scheduled-time>", Input(schedule).GetProperty("scheduledTime").GetString());
            Assert.Equal(0, target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
            Assert.Equal(Function, target.GetProperty("Arn").GetProperty("Fn::Sub").GetString());
            Assert.Equal("""["IngestHttpSchedulerRole","Arn"]""", target.GetProperty("RoleArn").GetProperty("Fn::GetAtt").GetRawText().Replace(" ", ""));
        }

        // Least privilege: the role may invoke that function and do nothing else.
        var role = resources.GetProperty("IngestHttpSchedulerRole").GetProperty("Properties");
        var statements = role.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()).ToList();
        var statement = Assert.Single(statements);
        Assert.Equal(("Allow", "lambda:InvokeFunction", Function),
            (statement.GetProperty("Effect").GetString(), statement.GetProperty("Action").GetString(), statement.GetProperty("Resource").GetProperty("Fn::Sub").GetString()));
        Assert.Equal("scheduler.amazonaws.com", Assert.Single(role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray())
            .GetProperty("Principal").GetProperty("Service").GetString());
    }

    private static JsonElement Input(JsonElement schedule) =>
        JsonDocument.Parse(schedule.GetProperty("Target").GetProperty("Input").GetString()!).RootElement.Clone();

    [Fact]
    public async Task TemplateDeclaresTheAlarmsOfAlarmsYamlNotifyingTheAlertsTopic()
    {
        var declared = Lake.Alarms.AlarmDefinitions.Load(Path.Combine(RepoPaths.Root, "infra", "alarms.yaml"));
        var alarms = (await DecodeTemplateAsync()).GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::CloudWatch::Alarm")
            .Select(r => r.Value.GetProperty("Properties")).ToList();
        string Name(JsonElement alarm) => alarm.GetProperty("AlarmName").GetProperty("Fn::Sub").GetString()!.Replace("${AlarmNamePrefix}", "");

        // Every template alarm is one of alarms.yaml's (dead-letters once per dead-letter queue), and every one of those is there.
        Assert.All(alarms, alarm => Assert.Contains(declared, d => Name(alarm) == d.Name || Name(alarm).StartsWith(d.Name + "-", StringComparison.Ordinal)));
        foreach (var definition in declared)
        {
            var matching = alarms.Where(a => Name(a) == definition.Name || Name(a).StartsWith(definition.Name + "-", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(matching);
            Assert.All(matching, alarm =>
            {
                var metric = definition.CloudWatch ?? $"Lake {definition.Metric}";
                Assert.Equal(metric, $"{alarm.GetProperty("Namespace").GetString()} {alarm.GetProperty("MetricName").GetString()}");
                Assert.Equal(
                    (definition.Statistic.ToString(), definition.Comparison.ToString(), definition.Threshold, definition.PeriodSeconds, definition.EvaluationPeriods, "notBreaching"),
                    (alarm.GetProperty("Statistic").GetString(), alarm.GetProperty("ComparisonOperator").GetString(), double.Parse(alarm.GetProperty("Threshold").ToString()),
                     int.Parse(alarm.GetProperty("Period").ToString()), int.Parse(alarm.GetProperty("EvaluationPeriods").ToString()), alarm.GetProperty("TreatMissingData").GetString()));
                Assert.Equal(definition.Description, alarm.GetProperty("AlarmDescription").GetString());
                Assert.Equal("""[{"Ref":"AlertsTopic"}]""", alarm.GetProperty("AlarmActions").GetRawText().Replace(" ", ""));
                Assert.Equal("""[{"Ref":"AlertsTopic"}]""", alarm.GetProperty("OKActions").GetRawText().Replace(" ", ""));
            });
        }

        Assert.Equal(2, alarms.Count(a => Name(a).StartsWith("dead-letters-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TemplateDeployedToTheEmulatorMatchesWhatTheProvisionerCreates()
    {
        using var provisioned = new TestLake(emulator);
        await provisioned.Provisioner.ProvisionAsync();
        var stackPrefix = TestNames.Unique("cfn");
        var deployed = TestLake.OptionsFor(stackPrefix);

        await emulator.Cli.RunAsync(["cloudformation", "create-stack", "--stack-name", stackPrefix,
            "--template-body", $"file://{TemplatePath}", "--parameters", .. StackParameters(deployed)]);
        var status = await WaitForStackAsync(stackPrefix);

        Assert.Equal("CREATE_COMPLETE", status);
        foreach (var (mine, theirs) in new[]
        {
            (provisioned.Options.Queues.Validate.Name, deployed.Queues.Validate.Name),
            (provisioned.Options.Queues.Transform.Name, deployed.Queues.Transform.Name),
            (provisioned.Options.Queues.Validate.DeadLetterQueueName, deployed.Queues.Validate.DeadLetterQueueName),
            (provisioned.Options.AlertsInbox, deployed.AlertsInbox),
        })
        {
            Assert.Equal(await QueueShapeAsync(mine, provisioned.Options), await QueueShapeAsync(theirs, deployed));
        }

        Assert.Equal(await TableShapeAsync(provisioned.Options.StatusTable), await TableShapeAsync(deployed.StatusTable));
        Assert.Equal(await TableShapeAsync($"{provisioned.Options.ServingTablePrefix}orders"), await TableShapeAsync($"{deployed.ServingTablePrefix}orders"));
        Assert.Equal(await SubscriptionShapeAsync(provisioned.Options), await SubscriptionShapeAsync(deployed));
    }

    private static string[] StackParameters(LakeOptions o) =>
        [.. LakeTemplateParameters.Of(o).Select(p => $"ParameterKey={p.Key},ParameterValue={p.Value}")];

    private async Task<string> WaitForStackAsync(string name)
    {
        for (var i = 0; i < 60; i++)
        {
            var stack = (await emulator.Cli.RunAsync("cloudformation", "describe-stacks", "--stack-name", name))!.Value.GetProperty("Stacks")[0];
            var status = stack.GetProperty("StackStatus").GetString()!;
            if (!status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
            {
                return status;
            }

            await Task.Delay(500);
        }

        return "TIMED_OUT";
    }

    /// <summary>A queue's settings with its lake's names replaced by placeholders, so two lakes compare.</summary>
    private async Task<string> QueueShapeAsync(string queue, LakeOptions lake)
    {
        var url = (await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", queue))!.Value.GetProperty("QueueUrl").GetString()!;
        var attributes = (await emulator.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names",
            "VisibilityTimeout", "RedrivePolicy", "MessageRetentionPeriod"))!.Value.GetProperty("Attributes");
        var shape = string.Join(';', attributes.EnumerateObject().OrderBy(a => a.Name).Select(a => $"{a.Name}={Describe(a)}"));
        return shape.Replace(lake.Queues.Validate.Name, "<validate>").Replace(lake.Queues.Transform.Name, "<transform>");
    }

    /// <summary>A redrive policy compares by meaning: its text differs in spacing and number-vs-string between writers.</summary>
    private static string Describe(JsonProperty attribute)
    {
        if (attribute.Name != "RedrivePolicy")
        {
            return attribute.Value.ToString();
        }

        var redrive = JsonDocument.Parse(attribute.Value.GetString()!).RootElement;
        return $"{redrive.GetProperty("deadLetterTargetArn").GetString()} after {redrive.GetProperty("maxReceiveCount")}";
    }

    /// <summary>The alerts topic's subscriptions as protocol and endpoint name: the inbox, for both lakes.</summary>
    private async Task<string> SubscriptionShapeAsync(LakeOptions lake)
    {
        var arn = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{lake.AlertsTopic}";
        var subscriptions = (await emulator.Cli.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", arn))!.Value.GetProperty("Subscriptions");
        return string.Join(';', subscriptions.EnumerateArray()
            .Select(s => $"{s.GetProperty("Protocol").GetString()}:{s.GetProperty("Endpoint").GetString()!.Split(':')[^1].Replace(lake.AlertsInbox, "<inbox>")}"));
    }

    private async Task<string> TableShapeAsync(string table)
    {
        var description = (await emulator.Cli.RunAsync("dynamodb", "describe-table", "--table-name", table))!.Value.GetProperty("Table");
        return $"{description.GetProperty("KeySchema")}|{description.GetProperty("AttributeDefinitions")}|{description.GetProperty("BillingModeSummary").GetProperty("BillingMode")}";
    }

    private static async Task<JsonElement> DecodeTemplateAsync()
    {
        // cfn-lint's own decoder understands !Ref/!Sub/!GetAtt, which a plain YAML reader does not.
        const string Script = "import json,sys\nfrom cfnlint.decode import decode\nt,m=decode(sys.argv[1])\nprint(json.dumps(t, default=str))";
        var result = await ProcessRunner.RunAsync("python3", ["-c", Script, TemplatePath]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}
