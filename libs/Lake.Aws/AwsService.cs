namespace Lake.Aws;

/// <summary>What identifies one AWS service on the wire: its service id, signing name and endpoint prefix.</summary>
/// <param name="ServiceId">The AWS "service id" (<c>SNS</c>, <c>Glue</c>), used in error messages and endpoint variables.</param>
/// <param name="SigningName">The service name in the SigV4 credential scope.</param>
/// <param name="EndpointPrefix">The host prefix of the service's regional endpoint.</param>
public sealed record AwsService(string ServiceId, string SigningName, string EndpointPrefix)
{
    public static AwsService Sns { get; } = new("SNS", "sns", "sns");

    public static AwsService Glue { get; } = new("Glue", "glue", "glue");

    public static AwsService Athena { get; } = new("Athena", "athena", "athena");

    /// <summary>The service-specific endpoint variable, e.g. <c>AWS_ENDPOINT_URL_SNS</c>.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + ServiceId.ToUpperInvariant().Replace(' ', '_');
}
