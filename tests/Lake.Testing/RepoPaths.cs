namespace Lake.Testing;

/// <summary>Where things are in the repository, found from the running test assembly.</summary>
public static class RepoPaths
{
    /// <summary>The directory holding <c>Lake.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The emulator the AppHost runs: moto behind a SigV4 gate (<c>AppHost/Emulator/lake_moto.py</c>).</summary>
    public static string EmulatorLauncher => Path.Combine(Root, "AppHost", "Emulator", "lake_moto.py");

    /// <summary>A path under <c>seed-data/orders/</c>, e.g. <c>OrdersSeed("valid", "orders-2024-01.csv")</c>.</summary>
    public static string OrdersSeed(params string[] path) => Path.Combine([Root, "seed-data", "orders", .. path]);

    /// <summary>
    /// The built <c>.dll</c> of a project in the same configuration as the running tests, e.g.
    /// <c>BuiltAssembly("services/Lake.Provisioner")</c>; the test project must build it (a ProjectReference).
    /// </summary>
    /// <param name="assemblyName">When it differs from the directory's name (<c>AppHost</c> builds <c>Lake.AppHost</c>).</param>
    public static string BuiltAssembly(string projectDirectory, string? assemblyName = null)
    {
        var name = assemblyName ?? Path.GetFileName(projectDirectory);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(Root, projectDirectory, "bin", configuration, "net10.0", $"{name}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not built at {path}: add a ProjectReference to it.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Lake.sln above {AppContext.BaseDirectory}.");
    }
}
