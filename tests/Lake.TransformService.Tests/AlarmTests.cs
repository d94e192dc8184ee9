using System.Text.Json;
using Amazon.SQS.Model;
using Lake.Testing;

namespace Lake.TransformService.Tests;

/// <summary>
/// The alarms evaluated by the running service, with 10-second periods (an alarms file of the test's own) evaluated
/// every second: a poison message raises the function-errors and dead-letters alarms in the alerts inbox, and emptying
/// the dead-letter queue (as a redrive does) returns them to OK.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class AlarmTests(EmulatorFixture emulator) : TransformServiceTest(emulator, new Dictionary<string, string>
{
    ["Alarms__File"] = AlarmsFile,
    ["Alarms__EvaluationIntervalSeconds"] = "1",
})
{
    private static readonly string AlarmsFile = WriteAlarmsFile();

    [Fact]
    public async Task APoisonMessageRaisesTheDeadLetterAndFunctionErrorAlarmsAndEmptyingTheQueueReturnsThemToOk()
    {
        var inbox = await AlertInbox.SubscribeAsync(Lake.TestLake);
        var url = (await Lake.TestLake.Clients.Sqs.GetQueueUrlAsync(Lake.TestLake.Options.Queues.Transform.Name)).QueueUrl;

        await Lake.TestLake.Clients.Sqs.SendMessageAsync(url, "poison");

        var deadLetters = await inbox.WaitForAsync(Is("dead-letters", "ALARM"), TimeSpan.FromSeconds(60));
        var errors = await inbox.WaitForAsync(Is("function-errors", "ALARM"), TimeSpan.FromSeconds(60));
        Assert.Equal(("OK", "lake.queue.dead_letters", "Maximum", 10), (Text(deadLetters, "OldStateValue"), Text(deadLetters.GetProperty("Trigger"), "MetricName"),
            Text(deadLetters.GetProperty("Trigger"), "Statistic"), deadLetters.GetProperty("Trigger").GetProperty("Period").GetInt32()));
        Assert.Contains("[1]", Text(deadLetters, "NewStateReason"));
        Assert.Equal(("OK", "GreaterThanThreshold"), (Text(errors, "OldStateValue"), Text(errors.GetProperty("Trigger"), "ComparisonOperator")));

        var deadLetterUrl = (await Lake.TestLake.Clients.Sqs.GetQueueUrlAsync(Lake.TestLake.Options.Queues.Transform.DeadLetterQueueName)).QueueUrl;
        await Lake.TestLake.Clients.Sqs.PurgeQueueAsync(new PurgeQueueRequest { QueueUrl = deadLetterUrl });

        var cleared = await inbox.WaitForAsync(Is("dead-letters", "OK"), TimeSpan.FromSeconds(60));
        Assert.Equal("ALARM", Text(cleared, "OldStateValue"));
        Assert.Equal("OK", Text(await inbox.WaitForAsync(Is("function-errors", "OK"), TimeSpan.FromSeconds(60)), "NewStateValue"));
    }

    private static Func<JsonElement, bool> Is(string alarm, string state) => alert =>
        alert.TryGetProperty("type", out var type) && type.GetString() == "alarm.state-change"
        && Text(alert, "AlarmName") == alarm && Text(alert, "NewStateValue") == state;

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static string WriteAlarmsFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lake-alarm-tests-{Guid.NewGuid():N}.yaml");
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "alarms.yaml"));
        File.WriteAllText(path, shipped.Replace("period: 300", "period: 10").Replace("period: 60", "period: 10"));
        return path;
    }
}
