using System.Diagnostics;
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

    /// <summary>Runs <c>aws &lt;args&gt;</c> and returns its standard output as text.</summary>
    public async Task<string> RunRawAsync(params string[] args)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = accessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretKey;
        start.Environment["AWS_DEFAULT_REGION"] = region;
        start.Environment["AWS_REGION"] = region;
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(start) ?? throw new AwsCliException("aws", -1, "the AWS CLI could not be started: install it with `pip install awscli`");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new AwsCliException(string.Join(' ', args), process.ExitCode, (await stderr).Trim());
        }

        return await stdout;
    }
}

public sealed class AwsCliException(string command, int exitCode, string stderr)
    : Exception($"aws {command} exited {exitCode}: {stderr}")
{
    public string Stderr { get; } = stderr;
}
