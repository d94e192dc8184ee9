using Microsoft.Extensions.Configuration;

namespace Lake.Configuration;

/// <summary>How a Lake program that is not a web host reads its settings: appsettings.json, then the environment, then arguments.</summary>
public static class LakeConfiguration
{
    public static IConfiguration Build(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();

    /// <summary>The <c>Lake</c> section, defaults where it is silent.</summary>
    public static LakeOptions LakeOptions(this IConfiguration configuration)
    {
        var options = new LakeOptions();
        configuration.GetSection(Configuration.LakeOptions.SectionName).Bind(options);
        return options;
    }
}
