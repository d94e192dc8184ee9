using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Lake.Contracts.Sources;

/// <summary>
/// A schedule in EventBridge Scheduler's syntax: <c>rate(5 minutes)</c> (value and unit: minute(s), hour(s), day(s))
/// or <c>cron(minutes hours day-of-month month day-of-week year)</c>, in UTC. A cron's year must be <c>*</c>; its
/// day-of-week numbers are EventBridge's (1 = Sunday ... 7 = Saturday). A rate fires at whole multiples of its period
/// since the Unix epoch, so every process computes the same fire times (EventBridge counts from the schedule's creation).
/// </summary>
public sealed partial class ScheduleExpression
{
    private readonly TimeSpan _rate;
    private readonly CronExpression? _cron;

    private ScheduleExpression(string text, TimeSpan rate, CronExpression? cron) => (Text, _rate, _cron) = (text, rate, cron);

    /// <summary>The expression as written, e.g. <c>rate(5 minutes)</c>: what an EventBridge schedule declares.</summary>
    public string Text { get; }

    /// <exception cref="FormatException">Not a rate or cron expression Lake reads; the message says what is expected.</exception>
    public static ScheduleExpression Parse(string text)
    {
        if (Rate().Match(text) is { Success: true } rate)
        {
            var value = int.Parse(rate.Groups["value"].Value, CultureInfo.InvariantCulture);
            var unit = rate.Groups["unit"].Value;
            if (value < 1 || (value == 1) != !unit.EndsWith('s'))
            {
                throw new FormatException($"'{text}': a rate is a whole number of 1 or more with a unit, singular for 1 ('rate(1 hour)', 'rate(5 minutes)')");
            }

            return new ScheduleExpression(text, unit.TrimEnd('s') switch
            {
                "minute" => TimeSpan.FromMinutes(value),
                "hour" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            }, null);
        }

        if (Cron().Match(text) is not { Success: true } cron)
        {
            throw new FormatException($"'{text}' is not a schedule expression (expected 'rate(5 minutes)' or 'cron(0 * * * ? *)')");
        }

        var fields = cron.Groups["fields"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6 || fields[5] != "*")
        {
            throw new FormatException($"'{text}': a cron expression has six fields (minutes hours day-of-month month day-of-week year) and Lake reads only '*' as the year");
        }

        if ((fields[2] == "?") == (fields[4] == "?"))
        {
            throw new FormatException($"'{text}': exactly one of day-of-month and day-of-week is '?', as EventBridge requires");
        }

        // EventBridge numbers days 1 (Sunday) to 7, cron 0 to 6; a number after '#' counts weeks, not days.
        var dayOfWeek = DayNumber().Replace(fields[4], m => (int.Parse(m.Value, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture));
        try
        {
            return new ScheduleExpression(text, TimeSpan.Zero, CronExpression.Parse($"{fields[0]} {fields[1]} {fields[2]} {fields[3]} {dayOfWeek}"));
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"'{text}': {e.Message}", e);
        }
    }

    /// <summary>The first fire time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (_cron is null)
        {
            var ticks = after.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            return DateTimeOffset.UnixEpoch.AddTicks((ticks / _rate.Ticks + 1) * _rate.Ticks);
        }

        return _cron.GetNextOccurrence(after, TimeZoneInfo.Utc)
            ?? throw new InvalidOperationException($"'{Text}' never fires after {after:O}.");
    }

    /// <summary>
    /// The fire time before <paramref name="scheduled"/>: the start of the window a run at <paramref name="scheduled"/>
    /// ingests. For a rate it is one period earlier; for a cron the previous occurrence (looked for up to a year back).
    /// </summary>
    public DateTimeOffset Previous(DateTimeOffset scheduled)
    {
        if (_cron is null)
        {
            return scheduled - _rate;
        }

        foreach (var back in (TimeSpan[])[TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367)])
        {
            var occurrences = _cron.GetOccurrences(scheduled - back, scheduled, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: false);
            if (occurrences.LastOrDefault() is var last && last != default)
            {
                return last;
            }
        }

        return scheduled - TimeSpan.FromDays(367);
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^rate\((?<value>\d{1,6}) (?<unit>minutes?|hours?|days?)\)$")]
    private static partial Regex Rate();

    [GeneratedRegex(@"^cron\((?<fields>[^()]+)\)$")]
    private static partial Regex Cron();

    [GeneratedRegex(@"(?<![#\d])\d+")]
    private static partial Regex DayNumber();
}
