using Lake.Aws.Glue;
using Lake.Aws.Sns;

namespace Lake.Aws.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class AwsEndpointResolverTests
{
    private static AwsEndpointResolver With(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(variable => variable.Name, variable => variable.Value);
        return new AwsEndpointResolver(name => environment.GetValueOrDefault(name));
    }

    [Fact]
    public void A_configured_region_wins_over_the_environment()
    {
        var resolver = With(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2"));

        Assert.Equal("ap-south-1", resolver.ResolveRegion("ap-south-1"));
    }

    [Fact]
    public void AwsRegionWinsOverAwsDefaultRegion()
    {
        Assert.Equal("eu-west-1", With(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2")).ResolveRegion(null));
        Assert.Equal("us-west-2", With(("AWS_DEFAULT_REGION", "us-west-2")).ResolveRegion(null));
    }

    [Fact]
    public void A_missing_region_is_a_clear_error_naming_aws_region()
    {
        var error = Assert.Throws<InvalidOperationException>(() => With(("AWS_REGION", "  ")).ResolveRegion(null));

        Assert.Contains("AWS_REGION", error.Message);
    }

    [Fact]
    public void TheServiceSpecificEndpointWinsOverTheGeneralOne()
    {
        var resolver = With(("AWS_ENDPOINT_URL_GLUE", "http://glue.local:4566"), ("AWS_ENDPOINT_URL", "http://localhost:5000"));

        Assert.Equal(new Uri("http://glue.local:4566"), resolver.ResolveEndpoint(AwsService.Glue, "eu-west-1", null));
        Assert.Equal(new Uri("http://localhost:5000"), resolver.ResolveEndpoint(AwsService.Sns, "eu-west-1", null));
    }

    [Fact]
    public void ServiceSpecificVariablesAreNamedAfterTheUpperCasedServiceId()
    {
        Assert.Equal("AWS_ENDPOINT_URL_SNS", AwsService.Sns.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_GLUE", AwsService.Glue.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_DATA_CATALOG", new AwsService("Data Catalog", "x", "x").EndpointVariable);
        var resolver = With(("AWS_ENDPOINT_URL_GLUE", "http://glue.local:1234/"));
        Assert.Equal(new Uri("http://glue.local:1234/"), resolver.ResolveEndpoint(AwsService.Glue, "eu-west-1", null));
    }

    [Fact]
    public void WithoutVariablesThePublicRegionalEndpointIsUsed()
    {
        var resolver = With();

        Assert.Equal(new Uri("https://sns.us-east-1.amazonaws.com"), resolver.ResolveEndpoint(AwsService.Sns, "us-east-1", null));
        Assert.Equal(new Uri("https://glue.ap-southeast-2.amazonaws.com"), resolver.ResolveEndpoint(AwsService.Glue, "ap-southeast-2", null));
        Assert.Equal(new Uri("https://glue.cn-north-1.amazonaws.com.cn"), resolver.ResolveEndpoint(AwsService.Glue, "cn-north-1", null));
    }

    [Fact]
    public void A_configured_service_url_wins_over_every_variable()
    {
        var resolver = With(("AWS_ENDPOINT_URL_SNS", "http://sns.local:4566"), ("AWS_ENDPOINT_URL", "http://localhost:5000"));

        Assert.Equal(new Uri("http://configured:1/"), resolver.ResolveEndpoint(AwsService.Sns, "eu-west-1", new Uri("http://configured:1/")));
    }

    [Fact]
    public void ConfiguredEndpointVariablesCanBeIgnoredAsInTheSdks()
    {
        var resolver = With(("AWS_ENDPOINT_URL", "http://localhost:5000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com"), resolver.ResolveEndpoint(AwsService.Sns, "eu-west-1", null));
    }

    [Fact]
    public void AnEndpointVariableThatIsNotAUrlIsAClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            With(("AWS_ENDPOINT_URL", "localhost:5000")).ResolveEndpoint(AwsService.Glue, "eu-west-1", null));

        Assert.Contains("AWS_ENDPOINT_URL", error.Message);
    }

    [Fact]
    public void ClientsUseTheConfiguredRegionAndUrlBeforeTheProcessEnvironment()
    {
        using var sns = new SnsClient(new AwsClientOptions { Region = "eu-west-1", ServiceUrl = new Uri("http://127.0.0.1:1/") });
        using var glue = new GlueClient(new AwsClientOptions { Region = "eu-west-1", ServiceUrl = new Uri("http://127.0.0.1:2/") });

        Assert.Equal(new Uri("http://127.0.0.1:1/"), sns.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:2/"), glue.Endpoint);
    }
}
