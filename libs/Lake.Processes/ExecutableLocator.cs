namespace Lake.Processes;

/// <summary>Finds programs as a shell would: a path as given, else a name on <c>PATH</c>.</summary>
public static class ExecutableLocator
{
    /// <summary>The full path of <paramref name="name"/> (a path, or a name on PATH), or null.</summary>
    public static string? Find(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar) || name.Contains(Path.AltDirectorySeparatorChar))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        // Without PATH (a bare exec environment), the directories every Unix has.
        var path = Environment.GetEnvironmentVariable("PATH") ?? (OperatingSystem.IsWindows() ? "" : "/usr/bin:/bin");
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
