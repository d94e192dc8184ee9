using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lake.Configuration;

/// <summary>What every Lake service registers the same way: its resource names and the AWS clients.</summary>
public static class LakeServices
{
    /// <summary>
    /// <see cref="LakeOptions"/> from the <c>Lake</c> section, checked at start by <see cref="LakeOptionsValidator"/> (a bad
    /// name stops the launch with its key), and the AWS clients of <see cref="AwsClientRegistration.AddLakeAwsClients"/>
    /// (S3, DynamoDB, SQS, SNS, Glue). Register other <c>AWSOptions</c> (<c>AddDefaultAWSOptions</c>) to point them elsewhere.
    /// </summary>
    public static IServiceCollection AddLakeResources(this IServiceCollection services)
    {
        services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LakeOptions>, LakeOptionsValidator>();
        return services.AddLakeAwsClients();
    }
}
