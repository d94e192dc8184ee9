using Xunit.Abstractions;

namespace Lake.Cli.Tests;

/// <summary><c>lake status</c> and <c>lake dlq</c> through the console (and the ingest API for one upload); the AWS CLI checks the queues.</summary>
[Collection(CliLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ConsoleCommandTests(CliLake lake, ITestOutputHelper output)
{
    [Fact]
    public async Task StatusListsRecentUploadsWithTheirStage()
    {
        var id = await lake.FebruaryOrdersAsync();

        var result = await lake.RunAsync("status");

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result));
        Assert.Matches($@"{id}\s+│\s+orders\s+│\s+orders-2024-02\.csv\s+│\s+Cataloged", result.Stdout);
    }

    [Fact]
    public async Task StatusOfOneUploadShowsEachStageInOrder()
    {
        var id = await lake.FebruaryOrdersAsync();

        var result = await lake.RunAsync("status", id);

        output.WriteLine(LakeTool.Printed(result));

        Assert.True(result.ExitCode == 0, LakeTool.Printed(result));
        Assert.Contains($"upload {id}: orders-2024-02.csv (orders) Cataloged", result.Stdout, StringComparison.Ordinal);
        var requested = result.Stdout.IndexOf("│ Requested", StringComparison.Ordinal);
        var validated = result.Stdout.IndexOf("│ Validated", StringComparison.Ordinal);
        var cataloged = result.Stdout.IndexOf("│ Cataloged", StringComparison.Ordinal);
        Assert.True(requested >= 0 && requested < validated && validated < cataloged, result.Stdout);
    }

    [Fact]
    public async Task StatusOfAnUnknownUploadSaysSo()
    {
        var result = await lake.RunAsync("status", new string('0', 32));
        output.WriteLine(LakeTool.Printed(result));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no upload {new string('0', 32)} is known", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DlqShowsTheDeadLettersAndRedriveMovesThemBack()
    {
        var deadLetters = lake.Lake.Options.Queues.Validate.DeadLetterQueueName;
        var url = await lake.Aws.Cli.QueueUrlAsync(deadLetters);
        await lake.Aws.Cli.RunAsync("sqs", "purge-queue", "--queue-url", url);
        await lake.Aws.Cli.RunAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"poison":"cli-test"}""");

        var listed = await lake.RunAsync("dlq");

        output.WriteLine(LakeTool.Printed(listed));

        Assert.True(listed.ExitCode == 0, LakeTool.Printed(listed));
        Assert.Matches(@"validate\s+│\s+1\s+│", listed.Stdout);
        Assert.Contains("transform", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("""{"poison":"cli-test"}""", listed.Stdout, StringComparison.Ordinal);

        var redriven = await lake.RunAsync("dlq", "redrive", "validate");

        output.WriteLine(LakeTool.Printed(redriven));

        Assert.True(redriven.ExitCode == 0, LakeTool.Printed(redriven));
        Assert.Contains("validate: 1 moved back to the work queue, 0 failed", redriven.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await lake.Aws.Cli.QueueDepthAsync(deadLetters));
    }

    [Fact]
    public async Task RedriveOfAQueueThatIsNotOneIsRefusedBeforeAnythingIsSent()
    {
        var result = await lake.RunAsync("dlq", "redrive", "curated");
        output.WriteLine(LakeTool.Printed(result));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'curated'", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }
}
