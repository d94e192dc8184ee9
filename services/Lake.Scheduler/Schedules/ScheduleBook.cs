using Lake.Contracts;
using Lake.Contracts.Sources;

namespace Lake.Scheduler.Schedules;

/// <summary>One dataset's schedule and what its runs did, as <c>GET /v1/schedules</c> shows it.</summary>
public sealed record ScheduleView(string Dataset, string Expression, DateTimeOffset? NextRun, DateTimeOffset? LastRun, string? LastOutcome, string? LastDetail);

/// <summary>The schedules of every contract with an HTTP source, and the last run of each. Thread-safe.</summary>
public sealed class ScheduleBook(IReadOnlyDictionary<string, DatasetContract> contracts)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ScheduleView> _views = contracts.Values
        .Where(c => c.Source is not null)
        .ToDictionary(c => c.Dataset, c => new ScheduleView(c.Dataset, c.Source!.Schedule.Text, null, null, null, null), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ScheduleExpression> Schedules { get; } = contracts.Values
        .Where(c => c.Source is not null).ToDictionary(c => c.Dataset, c => c.Source!.Schedule, StringComparer.Ordinal);

    public IReadOnlyList<ScheduleView> All()
    {
        lock (_lock)
        {
            return [.. _views.Values.OrderBy(v => v.Dataset, StringComparer.Ordinal)];
        }
    }

    public void Next(string dataset, DateTimeOffset? next) => Update(dataset, v => v with { NextRun = next });

    public void Ran(string dataset, DateTimeOffset scheduled, string outcome, string detail) =>
        Update(dataset, v => v with { LastRun = scheduled, LastOutcome = outcome, LastDetail = detail });

    private void Update(string dataset, Func<ScheduleView, ScheduleView> change)
    {
        lock (_lock)
        {
            _views[dataset] = change(_views[dataset]);
        }
    }
}
