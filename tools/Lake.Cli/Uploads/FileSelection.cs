using Microsoft.Extensions.FileSystemGlobbing;

namespace Lake.Cli.Uploads;

/// <summary>
/// The files an upload names: plain paths, and globs (<c>*</c>, <c>?</c>, <c>**</c>) expanded from the directory
/// before their first wildcard, for shells that do not expand them (or quoted ones). A path that names no file and
/// a glob that matches none are errors, reported all at once.
/// </summary>
internal static class FileSelection
{
    private static readonly char[] Wildcards = ['*', '?'];

    /// <returns>Full paths, in the order given (a glob's matches sorted), each once.</returns>
    /// <exception cref="FileSelectionException">Some argument named no file.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> arguments, string currentDirectory)
    {
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.IndexOfAny(Wildcards) >= 0)
            {
                var matches = Expand(argument, currentDirectory, problems);
                if (matches is { Count: 0 })
                {
                    problems.Add($"no file matches '{argument}'");
                }

                files.AddRange(matches ?? []);
            }
            else
            {
                var path = Path.GetFullPath(argument, currentDirectory);
                if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    problems.Add(Directory.Exists(path)
                        ? $"'{argument}' is a directory: name its files, e.g. '{Path.Combine(argument, "*.csv")}'"
                        : $"no such file: '{argument}'");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new FileSelectionException(problems);
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string>? Expand(string glob, string currentDirectory, List<string> problems)
    {
        var normalized = glob.Replace('\\', '/');
        var segments = normalized.Split('/');
        var fixedCount = Array.FindIndex(segments, s => s.IndexOfAny(Wildcards) >= 0);
        var root = fixedCount == 0 ? currentDirectory : Path.GetFullPath(string.Join('/', segments[..fixedCount]) is { Length: > 0 } prefix ? prefix : "/", currentDirectory);
        var pattern = string.Join('/', segments[fixedCount..]);
        if (segments[fixedCount..].Any(s => s.Contains("**", StringComparison.Ordinal) && s != "**"))
        {
            problems.Add($"'{glob}': '**' must be a whole path segment (as in 'data/**/*.csv')");
            return null;
        }

        if (!Directory.Exists(root))
        {
            problems.Add($"no directory '{root}' for '{glob}'");
            return null;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        return matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>Arguments of an upload that name no file; the message lists each.</summary>
internal sealed class FileSelectionException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems => problems;
}
