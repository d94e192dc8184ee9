using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lake.IngestApi.Apis;

/// <summary>Every <c>/v1</c> call carries a configured key in <c>x-api-key</c> (API Gateway's usage-plan keys), or gets 401.</summary>
internal sealed class ApiKeyFilter(IOptions<IngestOptions> options) : IEndpointFilter
{
    public const string Header = "x-api-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[Header].FirstOrDefault();
        if (presented is null || !options.Value.ApiKeys.Any(key => Matches(key, presented)))
        {
            return TypedResults.Problem(
                presented is null ? $"Send an API key in the {Header} header." : $"The {Header} header holds no valid key.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return await next(context);
    }

    private static bool Matches(string key, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(presented));
}
