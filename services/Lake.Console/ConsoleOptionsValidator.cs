using Microsoft.Extensions.Options;

namespace Lake.Console;

/// <summary>Names every bad console setting by its key, so the launch fails with it rather than the first request.</summary>
public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(ConsoleOptions o)
    {
        const string S = ConsoleOptions.SectionName;
        if (o.ApiKeys.Count == 0)
        {
            yield return $"{S}:ApiKeys needs at least one key ({S}__ApiKeys__0): nobody could log in without one.";
        }

        for (var i = 0; i < o.ApiKeys.Count; i++)
        {
            var key = o.ApiKeys[i];
            if (key.Length < ConsoleOptions.MinimumKeyLength || key.Any(char.IsWhiteSpace))
            {
                // The key itself is never echoed: launch output ends up in logs.
                yield return $"{S}:ApiKeys:{i} must be at least {ConsoleOptions.MinimumKeyLength} characters without white space (it has {key.Length}).";
            }
        }

        if (!string.IsNullOrEmpty(o.DashboardUrl) && o.Dashboard is null)
        {
            yield return $"{S}:DashboardUrl '{o.DashboardUrl}' is not an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(o.QueryUrl) && o.QueryService is null)
        {
            yield return $"{S}:QueryUrl (or {ConsoleOptions.QueryServiceKey}) '{o.QueryUrl}' is not an absolute http or https URL.";
        }

        if (o.QueryService is not null && (o.QueryApiKey is not { } queryKey || queryKey.Length < ConsoleOptions.MinimumKeyLength || queryKey.Any(char.IsWhiteSpace)))
        {
            yield return $"{S}:QueryApiKey must hold one of the query service's keys (its Query:ApiKeys), at least {ConsoleOptions.MinimumKeyLength} characters without white space: the query service answers nothing without it.";
        }

        if (!string.IsNullOrEmpty(o.StateDirectory) && File.Exists(o.StateDirectory))
        {
            yield return $"{S}:StateDirectory '{o.StateDirectory}' is a file, not a directory.";
        }
    }
}
