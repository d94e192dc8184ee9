using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Lake.Testing.Aspire.Chaos;

/// <summary>What a chaos run did and found.</summary>
public sealed record ChaosReport(
    string Run, int Seed, int Uploads, IReadOnlyList<string> Kills, int RowsExpected, int RowsLost, int RowsDoubled, int RowsUnexpected,
    IReadOnlyList<string> NotFinal, IReadOnlyList<string> WrongOutcome, IReadOnlyList<string> MissingReasons,
    IReadOnlyList<string> DeadLettersWithoutAlert, TimeSpan Upload, TimeSpan Drain)
{
    public bool Clean => RowsLost == 0 && RowsDoubled == 0 && RowsUnexpected == 0 && NotFinal.Count == 0 && WrongOutcome.Count == 0
        && MissingReasons.Count == 0 && DeadLettersWithoutAlert.Count == 0;

    public override string ToString() => string.Join('\n', new[]
    {
        $"chaos run {Run} (seed {Seed}): {Uploads} uploads, {Kills.Count} kills ({string.Join(", ", Kills)})",
        $"  rows expected {RowsExpected}, lost {RowsLost}, doubled {RowsDoubled}, unexpected {RowsUnexpected}",
        $"  not final {NotFinal.Count}, wrong outcome {WrongOutcome.Count}, rejected without reason {MissingReasons.Count}, dead letters without alert {DeadLettersWithoutAlert.Count}",
        $"  uploading {Upload.TotalSeconds:0.0} s, time to drain {Drain.TotalSeconds:0.0} s",
    }.Concat(NotFinal.Concat(WrongOutcome).Concat(MissingReasons).Concat(DeadLettersWithoutAlert).Take(20).Select(p => "  ! " + p)));
}

/// <summary>
/// Uploads chaos files through the ingest API, as a client that retries would, while SIGKILLing the lake's processes
/// at random moments (each comes back through the AppHost's restart policy); then waits until every upload is final
/// and checks the curated table against the files row by row, each rejection's reason, and every dead letter's alert.
/// </summary>
public sealed class ChaosRun(AspireLake lake, int uploads, int kills, int seed, Action<string> log)
{
    private const int Parallel = 4;
    private static readonly string[] FinalStages = ["Cataloged", "Rejected", "Failed"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var run = $"C{seed % 100000:D5}";
        var files = Enumerable.Range(0, uploads).Select(i => ChaosFiles.For(run, i)).ToArray();
        var inbox = await SubscribeInboxAsync();

        // Kill k begins once a random number of uploads has been sent (uploads go on during it, the rest wait for it to
        // begin); the targets take turns.
        var killAt = Enumerable.Range(0, kills).Select(_ => random.Next(uploads / 10, uploads)).Order().ToArray();
        var killer = new ChaosKiller(lake);
        var killed = new List<string>();
        var sent = 0;
        var issued = 0; // kills begun: uploads do not run more than a few past the next kill's moment before it begins
        var ids = new string?[uploads];
        var clock = Stopwatch.StartNew();
        using var ingest = new IngestApiClient(lake.Url("ingest-api"), lake.IngestApiKey);

        var killing = Task.Run(async () =>
        {
            for (var k = 0; k < kills; k++)
            {
                while (Volatile.Read(ref sent) < killAt[k])
                {
                    await Task.Delay(100, cancellationToken);
                }

                var target = ChaosKiller.Targets[k % ChaosKiller.Targets.Length];
                await Task.Delay(random.Next(0, 3000), cancellationToken); // somewhere in the work those uploads started
                Interlocked.Increment(ref issued);
                var tree = await killer.KillAsync(target, cancellationToken);
                lock (killed)
                {
                    killed.Add(target);
                }

                log($"killed {target} ({tree.Count} process{(tree.Count == 1 ? "" : "es")}) after {Volatile.Read(ref sent)} uploads; it is back");
            }
        }, cancellationToken);

        var next = -1;
        var workers = Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < uploads; i = Interlocked.Increment(ref next))
            {
                while (Volatile.Read(ref issued) is var k && k < kills && i >= killAt[k] + Parallel)
                {
                    await Task.Delay(100, cancellationToken);
                }

                ids[i] = await UploadWithRetriesAsync(ingest, files[i], cancellationToken);
                Interlocked.Increment(ref sent);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var uploadTime = clock.Elapsed;
        log($"{uploads} uploads sent in {uploadTime.TotalSeconds:0.0} s");
        await killing;

        var statuses = await DrainAsync(ingest, ids!, cancellationToken);
        var drainTime = clock.Elapsed - uploadTime;
        log($"drained in {drainTime.TotalSeconds:0.0} s");
        return await CheckAsync(run, files, ids!, statuses, killed, inbox, uploadTime, drainTime);
    }

    /// <summary>POST then PUT, each retried while the ingest API or the emulator is down (a new ticket only when the POST failed).</summary>
    private async Task<string> UploadWithRetriesAsync(IngestApiClient ingest, ChaosFile file, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await ingest.UploadAsync("orders", file.Name, file.Content);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && deadline.Elapsed < Patience && !cancellationToken.IsCancellationRequested)
            {
                log($"retrying {file.Name}: {ex.Message.Split('\n')[0]}");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task<Dictionary<string, JsonElement>> DrainAsync(IngestApiClient ingest, string[] ids, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, JsonElement>();
        var deadline = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        while (statuses.Count(s => FinalStages.Contains(Stage(s.Value))) < ids.Length && deadline.Elapsed < TimeSpan.FromMinutes(15))
        {
            foreach (var id in ids.Where(id => !statuses.TryGetValue(id, out var s) || !FinalStages.Contains(Stage(s))))
            {
                try
                {
                    if (await ingest.StatusAsync(id) is { } status)
                    {
                        statuses[id] = status;
                    }
                }
                catch (HttpRequestException)
                {
                    // the ingest API or the emulator is coming back
                }
            }

            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                progress.Restart();
                log($"draining: {statuses.Count(s => FinalStages.Contains(Stage(s.Value)))}/{ids.Length} final");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return statuses;
    }

    private async Task<ChaosReport> CheckAsync(
        string run, ChaosFile[] files, string[] ids, Dictionary<string, JsonElement> statuses, List<string> killed, string inbox,
        TimeSpan uploadTime, TimeSpan drainTime)
    {
        log("checking: stages and rejection reasons");
        var notFinal = new List<string>();
        var wrong = new List<string>();
        var missingReasons = new List<string>();
        var rejected = await KeysAsync(lake.Options.Buckets.Rejected);
        for (var i = 0; i < files.Length; i++)
        {
            var stage = statuses.TryGetValue(ids[i], out var status) ? Stage(status) : "unknown";
            var file = files[i];
            if (!FinalStages.Contains(stage))
            {
                notFinal.Add($"{file.Name} ({ids[i]}) is {stage}");
                continue;
            }

            var expected = file.Check is null ? "Cataloged" : "Rejected";
            if (stage != expected)
            {
                wrong.Add($"{file.Name} ({file.Kind}, {ids[i]}) is {stage}, not {expected}: {status}");
            }
            else if (file.Check is { } check)
            {
                if (Detail(status, "check") != check)
                {
                    wrong.Add($"{file.Name} rejected by {Detail(status, "check")}, not {check}");
                }

                if (!rejected.Contains($"orders/{ids[i]}.reason.json"))
                {
                    missingReasons.Add($"{file.Name} ({ids[i]}) has no orders/{ids[i]}.reason.json in the rejected bucket");
                }
            }
            else if (Detail(status, "rowsQuarantined") != file.BadRows.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                wrong.Add($"{file.Name} quarantined {Detail(status, "rowsQuarantined")} rows, not {file.BadRows}");
            }
        }

        log("checking: the curated table's rows against the files");
        await lake.RefreshTableAsync("orders");
        var counts = await CuratedCountsAsync(run);
        var expectedIds = files.SelectMany(f => f.ValidIds).ToHashSet(StringComparer.Ordinal);
        var lost = expectedIds.Count(id => !counts.ContainsKey(id));
        var doubled = counts.Where(c => expectedIds.Contains(c.Key)).Sum(c => c.Value - 1);
        var unexpected = counts.Where(c => !expectedIds.Contains(c.Key)).Sum(c => c.Value);
        var deadLetters = await DeadLettersWithoutAlertAsync(inbox);
        return new ChaosReport(run, seed, files.Length, killed, expectedIds.Count, lost, doubled, unexpected, notFinal, wrong, missingReasons,
            deadLetters, uploadTime, drainTime);
    }

    private async Task<Dictionary<string, int>> CuratedCountsAsync(string run) =>
        (await lake.QueryRowsAsync($"SELECT order_id, count(*) AS n FROM {lake.Options.GlueDatabase}.orders WHERE order_id LIKE '{run}-%' GROUP BY order_id"))
            .EnumerateArray().ToDictionary(r => r[0].GetString()!, r => r[1].GetInt32(), StringComparer.Ordinal);

    /// <summary>
    /// Every message in a dead-letter queue needs a <c>message.dead-lettered</c> alert: the messages there without one.
    /// The inbox is read with the SDK, ten alerts a call, each received once (hidden for the rest of the run, not
    /// deleted), so a run's hundreds of alerts take seconds; bounded by <see cref="Patience"/>.
    /// </summary>
    private async Task<List<string>> DeadLettersWithoutAlertAsync(string inbox)
    {
        var problems = new List<string>();
        using var sqs = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = lake.Url("aws-emulator").ToString(), AuthenticationRegion = "us-east-1" });
        var waiting = (await sqs.GetQueueAttributesAsync(inbox, [QueueAttributeName.ApproximateNumberOfMessages])).ApproximateNumberOfMessages;
        log($"checking: reading {waiting} alerts");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var alerts = 0;
        var reading = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        while (true)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = inbox, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 43_200, MessageAttributeNames = ["All"],
            });
            var messages = received.Messages ?? [];
            if (messages.Count == 0)
            {
                break;
            }

            alerts += messages.Count(m => seen.Add(m.MessageId) && m.MessageAttributes is { } a && a.TryGetValue("type", out var type)
                && type.StringValue == "message.dead-lettered");
            if (progress.Elapsed > TimeSpan.FromSeconds(10))
            {
                progress.Restart();
                log($"checking: {seen.Count}/{waiting} alerts read");
            }

            if (reading.Elapsed > Patience)
            {
                problems.Add($"the alerts inbox was not read in {Patience.TotalMinutes} min ({seen.Count} of {waiting} alerts)");
                break;
            }
        }

        log($"checking: {seen.Count} alerts read, {alerts} dead-lettered");
        var dead = 0;
        foreach (var queue in new[] { lake.Options.Queues.Validate.DeadLetterQueueName, lake.Options.Queues.Transform.DeadLetterQueueName })
        {
            var url = (await sqs.GetQueueUrlAsync(queue)).QueueUrl;
            var attributes = await sqs.GetQueueAttributesAsync(url, [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible]);
            var depth = attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
            dead += depth;
            if (depth > 0)
            {
                log($"{queue} holds {depth} message(s)");
            }
        }

        if (dead > alerts)
        {
            problems.Add($"{dead} dead letters, {alerts} dead-letter alerts");
        }

        return problems;
    }

    private async Task<string> SubscribeInboxAsync()
    {
        var url = (await lake.Cli.RunAsync("sqs", "create-queue", "--queue-name", TestNames.Unique("chaos-inbox")))!.Value.GetProperty("QueueUrl").GetString()!;
        var arn = (await lake.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn"))!.Value
            .GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
        var topic = (await lake.Cli.RunAsync("sns", "create-topic", "--name", lake.Options.AlertsTopic))!.Value.GetProperty("TopicArn").GetString()!;
        await lake.Cli.RunAsync("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", arn, "--attributes", "RawMessageDelivery=true");
        return url;
    }

    private async Task<HashSet<string>> KeysAsync(string bucket)
    {
        var listed = await lake.Cli.RunAsync("s3api", "list-objects-v2", "--bucket", bucket);
        return listed is { } l && l.TryGetProperty("Contents", out var contents)
            ? contents.EnumerateArray().Select(o => o.GetProperty("Key").GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private static string Stage(JsonElement status) => status.GetProperty("stage").GetString()!;

    private static string Detail(JsonElement status, string key) =>
        status.GetProperty("details").TryGetProperty(key, out var value) ? value.ToString() : "";
}
