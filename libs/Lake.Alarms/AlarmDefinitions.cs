using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lake.Alarms;

/// <summary>Reads <c>infra/alarms.yaml</c>: every alarm checked at load, a bad one failing with its name and what is wrong.</summary>
public static partial class AlarmDefinitions
{
    /// <summary>The file shipped next to the program's binaries (a copy of the repository's <c>infra/alarms.yaml</c>).</summary>
    public static string ShippedFile => Path.Combine(AppContext.BaseDirectory, "alarms.yaml");

    /// <summary>Loads <paramref name="path"/>, or <see cref="ShippedFile"/> when it is null or empty.</summary>
    /// <exception cref="AlarmDefinitionException">The file is missing or an alarm is malformed.</exception>
    public static IReadOnlyList<AlarmDefinition> Load(string? path)
    {
        var file = string.IsNullOrWhiteSpace(path) ? ShippedFile : path;
        return File.Exists(file) ? Parse(File.ReadAllText(file), file) : throw new AlarmDefinitionException($"{file}: no such alarms file");
    }

    public static IReadOnlyList<AlarmDefinition> Parse(string yaml, string sourceName)
    {
        AlarmsDocument document;
        try
        {
            document = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<AlarmsDocument>(yaml)
                ?? new AlarmsDocument();
        }
        catch (YamlException e)
        {
            throw new AlarmDefinitionException($"{sourceName}:{e.Start.Line}:{e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }

        var alarms = new List<AlarmDefinition>();
        foreach (var entry in document.Alarms)
        {
            var alarm = Check(entry, sourceName);
            if (alarms.Any(a => a.Name == alarm.Name))
            {
                throw new AlarmDefinitionException($"{sourceName}: alarm '{alarm.Name}' is declared twice");
            }

            alarms.Add(alarm);
        }

        return alarms;
    }

    private static AlarmDefinition Check(AlarmEntry entry, string sourceName)
    {
        var name = entry.Name ?? "";
        if (!AlarmName().IsMatch(name))
        {
            Fail<int>("the name must be lowercase letters, digits and '-'");
        }

        if (string.IsNullOrWhiteSpace(entry.Metric))
        {
            Fail<int>("missing 'metric'");
        }

        if (entry.Period is not (10 or 30) && (entry.Period < 60 || entry.Period % 60 != 0))
        {
            Fail<int>($"period {entry.Period} is not one CloudWatch accepts (10, 30, or a multiple of 60 seconds)");
        }

        if (entry.EvaluationPeriods < 1 || (long)entry.Period * entry.EvaluationPeriods > 86_400)
        {
            Fail<int>($"evaluationPeriods {entry.EvaluationPeriods} must be 1 or more, and period × evaluationPeriods at most one day");
        }

        return new AlarmDefinition(
            name, entry.Description ?? "", entry.Metric!,
            Enum.TryParse<AlarmStatistic>(entry.Statistic, out var statistic) ? statistic : Fail<AlarmStatistic>($"statistic '{entry.Statistic}' is not one of {string.Join(", ", Enum.GetNames<AlarmStatistic>())}"),
            Enum.TryParse<AlarmComparison>(entry.Comparison, out var comparison) ? comparison : Fail<AlarmComparison>($"comparison '{entry.Comparison}' is not one of {string.Join(", ", Enum.GetNames<AlarmComparison>())}"),
            entry.Threshold, entry.Period, entry.EvaluationPeriods, entry.CloudWatch);

        T Fail<T>(string reason) => throw new AlarmDefinitionException($"{sourceName}: alarm '{name}': {reason}");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex AlarmName();

    private sealed class AlarmsDocument
    {
        public List<AlarmEntry> Alarms { get; set; } = [];
    }

    private sealed class AlarmEntry
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? Metric { get; set; }

        public string? Statistic { get; set; }

        public string? Comparison { get; set; }

        public double Threshold { get; set; }

        public int Period { get; set; }

        public int EvaluationPeriods { get; set; }

        public string? CloudWatch { get; set; }
    }
}

/// <summary>An alarms file that cannot be loaded; the message names the file and the alarm.</summary>
public sealed class AlarmDefinitionException(string message, Exception? inner = null) : Exception(message, inner);
