using Lake.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Security;

/// <summary>Registers the <c>x-api-key</c> scheme and the policy <c>/v1</c> requires.</summary>
public static class ApiKeyAuthenticationExtensions
{
    public const string PolicyName = "QueryApiKey";

    public static IServiceCollection AddQueryApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<QueryOptions>, ApiKeyOptionsValidator>();
        services.AddApiKeyAuthentication<QueryOptions>(query => query.ApiKeys, scheme =>
        {
            scheme.InvalidKeyReason = $"The {ApiKeyAuthenticationHandler.HeaderName} header is not one of Query:ApiKeys.";
            scheme.Challenge = (problem, _) =>
            {
                problem.Title = "API key required";
                problem.Detail = $"Send one of the service's keys (setting Query:ApiKeys) in the {ApiKeyAuthenticationHandler.HeaderName} header.";
                problem.Extensions["code"] = "api-key-required";
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Every endpoint of <paramref name="builder"/> answers only requests carrying a key.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName);
}
