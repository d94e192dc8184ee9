namespace Lake.Alarms.Tests;

[Trait("Category", "Unit")]
public class AlarmDefinitionsTests
{
    private const string Valid = """
        alarms:
          - name: function-errors
            description: errors
            metric: lake.function.errors
            statistic: Sum
            comparison: GreaterThanThreshold
            threshold: 0
            period: 300
            evaluationPeriods: 1
        """;

    [Fact]
    public void TheShippedAlarmsAreFunctionErrorsAndDeadLetters()
    {
        var alarms = AlarmDefinitions.Load(null);

        Assert.Equal(["function-errors", "dead-letters"], alarms.Select(a => a.Name));
        Assert.Equal("lake.function.errors Sum > 0 for 1 period(s) of 300 s", alarms[0].Condition);
        Assert.Equal("lake.queue.dead_letters Maximum > 0 for 1 period(s) of 60 s", alarms[1].Condition);
    }

    [Theory]
    [InlineData("period: 300", "period: 45", "alarm 'function-errors': period 45 is not one CloudWatch accepts (10, 30, or a multiple of 60 seconds)")]
    [InlineData("statistic: Sum", "statistic: Total", "alarm 'function-errors': statistic 'Total' is not one of Sum, Maximum, Minimum, Average, SampleCount")]
    [InlineData("evaluationPeriods: 1", "evaluationPeriods: 0", "alarm 'function-errors': evaluationPeriods 0 must be 1 or more, and period × evaluationPeriods at most one day")]
    [InlineData("name: function-errors", "name: Function Errors", "alarm 'Function Errors': the name must be lowercase letters, digits and '-'")]
    public void AMalformedAlarmFailsNamingItAndWhatIsWrong(string find, string replace, string expected)
    {
        var error = Assert.Throws<AlarmDefinitionException>(() => AlarmDefinitions.Parse(Valid.Replace(find, replace, StringComparison.Ordinal), "alarms.yaml"));

        Assert.Equal($"alarms.yaml: {expected}", error.Message);
    }

    [Fact]
    public void AnUnknownKeyFailsAtItsLine()
    {
        var error = Assert.Throws<AlarmDefinitionException>(() => AlarmDefinitions.Parse(Valid.Replace("threshold:", "treshold:", StringComparison.Ordinal), "alarms.yaml"));

        Assert.StartsWith("alarms.yaml:7:", error.Message, StringComparison.Ordinal);
        Assert.Contains("treshold", error.Message, StringComparison.Ordinal);
    }
}
