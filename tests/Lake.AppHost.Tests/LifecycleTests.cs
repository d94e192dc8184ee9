using Lake.Testing;

namespace Lake.AppHost.Tests;

/// <summary>Starting and stopping the AppHost as users do (Ctrl+C, SIGTERM, a killed terminal), and what survives.</summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class LifecycleTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-apphost-").FullName;

    [Fact]
    public async Task SigkillOfTheAppHostLeavesNoProcessBehind()
    {
        await using var host = AppHostProcess.Start(_state, AppHostProcess.FreePorts);
        await host.WaitUntilRunningAsync();
        var tree = ProcessTree.Of(host.Id);

        host.Kill();

        Assert.True(tree.Count >= 5, $"the emulator, the Lambda emulator, the function and the ingest API run under the AppHost: {tree.Count} processes");

        // Each child is told to stop; the emulator first writes its state, which a busy disk can make slow.
        Assert.Empty(await ProcessTree.SurvivorsAfterAsync(tree, TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public async Task EmulatorStateSurvivesARestartAndACleanStartIsEmpty()
    {
        await using (var first = AppHostProcess.Start(_state, AppHostProcess.FreePorts))
        {
            await first.WaitUntilRunningAsync();
            await WriteOneOfEachAsync(first.Cli);
            var tree = ProcessTree.Of(first.Id);

            Assert.Equal(0, await first.StopAsync());
            Assert.Empty(await ProcessTree.SurvivorsAfterAsync(tree, TimeSpan.FromSeconds(5)));
        }

        await using (var second = AppHostProcess.Start(_state, AppHostProcess.FreePorts))
        {
            await second.WaitUntilRunningAsync();
            var cli = second.Cli;

            Assert.Equal("kept across runs", await cli.RunRawAsync("s3", "cp", "s3://lake-raw/survivor.txt", "-"));
            var queue = (await cli.RunAsync("sqs", "get-queue-url", "--queue-name", "survivor"))!.Value.GetProperty("QueueUrl").GetString()!;
            var message = await cli.RunAsync("sqs", "receive-message", "--queue-url", queue, "--wait-time-seconds", "2");
            Assert.Equal("still queued", message!.Value.GetProperty("Messages")[0].GetProperty("Body").GetString());
            var item = await cli.RunAsync("dynamodb", "get-item", "--table-name", "lake-uploads", "--key", """{"UploadId":{"S":"survivor"},"Sk":{"S":"status"}}""");
            Assert.Equal("kept", item!.Value.GetProperty("Item").GetProperty("Note").GetProperty("S").GetString());
            var table = await cli.RunAsync("glue", "get-table", "--database-name", "lake", "--name", "survivor");
            Assert.Equal("survivor", table!.Value.GetProperty("Table").GetProperty("Name").GetString());
            Assert.Equal(0, await second.StopAsync());
        }

        await using var clean = AppHostProcess.Start(_state, [.. AppHostProcess.FreePorts, "--clean"]);
        await clean.WaitUntilRunningAsync();
        var objects = await clean.Cli.RunAsync("s3api", "list-objects-v2", "--bucket", "lake-raw");

        Assert.False(objects?.TryGetProperty("Contents", out _) ?? false, "a clean start has an empty raw bucket");
        await Assert.ThrowsAsync<AwsCliException>(() => clean.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", "survivor"));
    }

    private static async Task WriteOneOfEachAsync(AwsCli cli)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "kept across runs");
        await cli.RunRawAsync("s3", "cp", file, "s3://lake-raw/survivor.txt");
        File.Delete(file);
        var queue = (await cli.RunAsync("sqs", "create-queue", "--queue-name", "survivor"))!.Value.GetProperty("QueueUrl").GetString()!;
        await cli.RunAsync("sqs", "send-message", "--queue-url", queue, "--message-body", "still queued");
        await cli.RunAsync("dynamodb", "put-item", "--table-name", "lake-uploads", "--item", """{"UploadId":{"S":"survivor"},"Sk":{"S":"status"},"Note":{"S":"kept"}}""");
        await cli.RunAsync("glue", "create-table", "--database-name", "lake", "--table-input", """{"Name":"survivor"}""");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
