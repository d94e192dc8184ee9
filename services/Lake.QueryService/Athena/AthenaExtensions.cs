namespace Lake.QueryService.Athena;

public static class AthenaExtensions
{
    /// <summary>The Athena API's services and its <c>Athena</c> settings, validated at start.</summary>
    public static IHostApplicationBuilder AddAthenaApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AthenaOptions>().BindConfiguration(AthenaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AthenaRequestSigning>();
        builder.Services.AddSingleton<AthenaWorkGroups>();
        builder.Services.AddSingleton<AthenaResultFiles>();
        builder.Services.AddSingleton<AthenaQueryExecutions>();
        builder.Services.AddSingleton<AthenaOperations>();
        return builder;
    }
}
