namespace Lake.Processes.Tests;

[Trait("Category", "Unit")]
public sealed class RestartBackoffTests
{
    [Fact]
    public void QuickFailuresDoubleTheDelayUpToTheMaximumThenGiveUp()
    {
        var backoff = new RestartBackoff(new RestartPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 4));

        var delays = Enumerable.Range(0, 5).Select(_ => backoff.NextDelay(TimeSpan.FromSeconds(2))).ToList();

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), null], delays);
    }

    [Fact]
    public void ARunLongerThanTheStableTimeStartsTheCountAgain()
    {
        var backoff = new RestartBackoff(RestartPolicy.Default);
        backoff.NextDelay(TimeSpan.FromSeconds(1));
        backoff.NextDelay(TimeSpan.FromSeconds(1));

        var afterStableRun = backoff.NextDelay(TimeSpan.FromMinutes(5));

        Assert.Equal((TimeSpan.FromSeconds(1), 1), (afterStableRun!.Value, backoff.QuickFailures));
    }
}
