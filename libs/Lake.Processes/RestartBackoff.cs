namespace Lake.Processes;

/// <summary>
/// When to restart a process that exited unexpectedly: after <see cref="Initial"/>, doubling per consecutive quick
/// failure up to <see cref="Max"/>; a run longer than <see cref="StableAfter"/> starts the count again. After
/// <see cref="MaxQuickFailures"/> quick failures in a row it gives up.
/// </summary>
public sealed record RestartPolicy(TimeSpan Initial, TimeSpan Max, TimeSpan StableAfter, int MaxQuickFailures)
{
    public static RestartPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 5);
}

/// <summary>The backoff state of one supervised process under a <see cref="RestartPolicy"/>. Not thread-safe.</summary>
public sealed class RestartBackoff(RestartPolicy policy)
{
    private int _quickFailures;

    /// <summary>Consecutive runs that ended before <see cref="RestartPolicy.StableAfter"/>.</summary>
    public int QuickFailures => _quickFailures;

    /// <summary>The delay before the next start after a run of <paramref name="ranFor"/>; null to give up.</summary>
    public TimeSpan? NextDelay(TimeSpan ranFor)
    {
        _quickFailures = ranFor >= policy.StableAfter ? 1 : _quickFailures + 1;
        if (_quickFailures > policy.MaxQuickFailures)
        {
            return null;
        }

        var delay = policy.Initial * Math.Pow(2, _quickFailures - 1);
        return delay < policy.Max ? delay : policy.Max;
    }
}
