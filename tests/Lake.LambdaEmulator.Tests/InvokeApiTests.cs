using System.Text.Json;
using Lake.Testing;

namespace Lake.LambdaEmulator.Tests;

/// <summary>The Invoke API, driven by the AWS CLI; the function is a real process running Lake's runtime loop.</summary>
[Collection(LambdaEmulatorCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InvokeApiTests(LambdaEmulatorFixture lake)
{
    [Fact]
    public async Task TheAwsCliInvokesAFunctionAndGetsItsResponse()
    {
        var (result, output) = await InvokeAsync("direct", """{"action":"echo","value":42}""");

        Assert.Equal(200, result.GetProperty("StatusCode").GetInt32());
        Assert.False(result.TryGetProperty("FunctionError", out _));
        Assert.Equal(42, output.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task TheHandlerSeesItsRequestIdDeadlineAndArn()
    {
        var (_, output) = await InvokeAsync("direct", """{"action":"context"}""");

        Assert.Equal("direct", output.GetProperty("functionName").GetString());
        Assert.Equal($"arn:aws:lambda:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:function:direct", output.GetProperty("arn").GetString());
        Assert.True(Guid.TryParse(output.GetProperty("requestId").GetString(), out _));
        Assert.Equal(256, output.GetProperty("memory").GetInt32());
        Assert.InRange(output.GetProperty("remainingMs").GetInt64(), 1000, 3000);
    }

    [Fact]
    public async Task AHandlerExceptionIsAnUnhandledFunctionErrorWithItsMessage()
    {
        var (result, output) = await InvokeAsync("direct", """{"action":"fail"}""");

        Assert.Equal("Unhandled", result.GetProperty("FunctionError").GetString());
        Assert.Equal("asked to fail", output.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", output.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task AnInvocationPastItsTimeoutFailsAndTheProcessIsReplaced()
    {
        var before = await PidAsync();

        var (result, output) = await InvokeAsync("direct", """{"action":"hang"}""");

        Assert.Equal("Unhandled", result.GetProperty("FunctionError").GetString());
        Assert.Equal("Sandbox.Timedout", output.GetProperty("errorType").GetString());
        Assert.Contains("Task timed out after 3.00 seconds", output.GetProperty("errorMessage").GetString());
        Assert.NotEqual(before, await PidAsync());
    }

    [Fact]
    public async Task AProcessThatExitsMidInvocationFailsItAndIsRestarted()
    {
        var before = await PidAsync();

        var (result, output) = await InvokeAsync("direct", """{"action":"exit","code":7}""");

        Assert.Equal("Unhandled", result.GetProperty("FunctionError").GetString());
        Assert.Equal("Runtime.ExitError", output.GetProperty("errorType").GetString());
        Assert.Contains("exit status 7", output.GetProperty("errorMessage").GetString());
        Assert.NotEqual(before, await PidAsync());
    }

    [Fact]
    public async Task AnUnknownFunctionIsResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsCliException>(() => InvokeAsync("no-such-function", "{}"));

        Assert.Contains("ResourceNotFoundException", error.Stderr);
        Assert.Contains("no-such-function", error.Stderr);
    }

    [Fact]
    public async Task ListFunctionsShowsEveryConfiguredFunction()
    {
        var functions = (await lake.LambdaCli.RunAsync("lambda", "list-functions"))!.Value.GetProperty("Functions")
            .EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()).ToHashSet();

        Assert.Equal(["batch", "crashy", "direct"], functions.Order());
    }

    private async Task<long> PidAsync() => (await InvokeAsync("direct", """{"action":"context"}""")).Output.GetProperty("pid").GetInt64();

    private async Task<(JsonElement Result, JsonElement Output)> InvokeAsync(string function, string payload)
    {
        var outFile = Path.GetTempFileName();
        try
        {
            // AWS CLI v1 sends --payload as given (v2 would need --cli-binary-format raw-in-base64-out).
            var result = await lake.LambdaCli.RunAsync("lambda", "invoke", "--function-name", function, "--payload", payload, outFile);
            using var output = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));
            return (result!.Value, output.RootElement.Clone());
        }
        finally
        {
            File.Delete(outFile);
        }
    }
}
