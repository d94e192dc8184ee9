namespace Lake.LambdaEmulator;

internal static class ConfigurationExtensions
{
    /// <summary><c>AWS_REGION</c>, which every Lake process requires.</summary>
    public static string Region(this IConfiguration configuration) =>
        configuration["AWS_REGION"] ?? configuration["AWS_DEFAULT_REGION"] ?? "us-east-1";

    /// <summary>The account id in ARNs the emulator makes (moto's default unless <c>LambdaEmulator:AccountId</c> says otherwise).</summary>
    public static string AccountId(this IConfiguration configuration) =>
        configuration["LambdaEmulator:AccountId"] ?? "123456789012";
}
