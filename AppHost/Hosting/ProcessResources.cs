using System.Diagnostics;

namespace Lake.AppHost.Hosting;

/// <summary>A resource with a process of its own, started and supervised by the AppHost.</summary>
internal abstract class ProcessResource(string name) : LakeResource(name)
{
    public List<string> Arguments { get; } = [];

    /// <summary>How long a stopping process may take after SIGTERM before its process group is killed.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The command line and working directory; the environment is added by the supervisor.</summary>
    public abstract ProcessStartInfo CreateStartInfo();
}

/// <summary>
/// A .NET project of this repository, run from its build output (<see cref="LakeProjects"/>) in the Development
/// environment, logging one line per entry so its console reads well in the dashboard.
/// </summary>
internal sealed class ProjectResource : ProcessResource
{
    public ProjectResource(string name, LakeProject project)
        : base(name)
    {
        Project = project;
        Environment.Add((_, environment) =>
        {
            environment["DOTNET_ENVIRONMENT"] = "Development";
            environment["Logging__Console__FormatterName"] = "simple";
            environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        });
    }

    public override string Type => "Project";

    public LakeProject Project { get; }

    public override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = Project.OutputDirectory };
        start.ArgumentList.Add(Project.EnsureBuilt());
        if (Endpoint("http") is { } http)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(http.Url.ToString().TrimEnd('/'));
        }

        Arguments.ForEach(start.ArgumentList.Add);
        return start;
    }
}

/// <summary>Any program: the AWS emulator, a container engine's <c>run</c>.</summary>
internal sealed class ExecutableResource(string name, string type, string command, string workingDirectory) : ProcessResource(name)
{
    public override string Type => type;

    public string Command { get; } = command;

    public override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(Command) { WorkingDirectory = workingDirectory };
        Arguments.ForEach(start.ArgumentList.Add);
        return start;
    }
}

/// <summary>Something already running elsewhere that the AppHost only watches (a LocalStack the user started).</summary>
internal sealed class ExternalResource(string name, string type) : LakeResource(name)
{
    public override string Type => type;
}

/// <summary>A built project's assembly, as generated into <see cref="LakeProjects"/> at build.</summary>
internal sealed record LakeProject(string Name, string AssemblyPath)
{
    public string OutputDirectory => System.IO.Path.GetDirectoryName(AssemblyPath)!;

    /// <exception cref="FileNotFoundException">The project has not been built.</exception>
    public string EnsureBuilt() => File.Exists(AssemblyPath)
        ? AssemblyPath
        : throw new FileNotFoundException($"{Name} is not built at {AssemblyPath}: build the AppHost (`dotnet build AppHost`), which builds it.", AssemblyPath);
}

/// <summary>The <c>dotnet</c> host that runs the AppHost, so services run on the same runtime.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
