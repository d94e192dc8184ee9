using System.Text.Json;

namespace Lake.Testing;

/// <summary>
/// The AWS CLI as an independent client: what Lake's own clients create, it must see, and the reverse.
/// </summary>
public sealed class AwsCli(Uri endpoint, string region, string accessKey, string secretKey)
{
    /// <summary>Runs <c>aws &lt;args&gt;</c> against the emulator and returns its JSON output (null when it printed nothing).</summary>
    /// <exception cref="AwsCliException">The CLI exited non-zero; the message holds what it printed on stderr.</exception>
    public async Task<JsonElement?> RunAsync(params string[] args)
    {
        var output = await RunRawAsync(args);
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    public async Task<string> QueueUrlAsync(string queueName) =>
        (await RunAsync("sqs", "get-queue-url", "--queue-name", queueName))!.Value.GetProperty("QueueUrl").GetString()!;

    /// <summary>The messages a queue holds, waiting and in flight.</summary>
    public async Task<int> QueueDepthAsync(string queueName)
    {
        var attributes = (await RunAsync("sqs", "get-queue-attributes", "--queue-url", await QueueUrlAsync(queueName), "--attribute-names", "All"))!.Value.GetProperty("Attributes");
        return int.Parse(attributes.GetProperty("ApproximateNumberOfMessages").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <c>aws &lt;args&gt;</c> and returns its standard output as text.</summary>
    public async Task<string> RunRawAsync(params string[] args)
    {
        string[] arguments = ["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json", .. args];
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = accessKey,
            ["AWS_SECRET_ACCESS_KEY"] = secretKey,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_REGION"] = region,
            ["AWS_PAGER"] = "",
            ["AWS_PROFILE"] = null,
        };
        var result = await ProcessRunner.RunAsync("aws", arguments, environment);
        return result.ExitCode == 0 ? result.Stdout : throw new AwsCliException(string.Join(' ', args), result.ExitCode, result.Stderr.Trim());
    }
}

public sealed class AwsCliException(string command, int exitCode, string stderr)
    : Exception($"aws {command} exited {exitCode}: {stderr}")
{
    public string Stderr { get; } = stderr;
}
