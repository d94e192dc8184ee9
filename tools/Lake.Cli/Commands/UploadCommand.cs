using System.CommandLine;
using Lake.Cli.Uploads;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary><c>lake upload &lt;files or globs&gt;</c>: through the ingest API, each file followed to its final stage.</summary>
internal static class UploadCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var files = new Argument<string[]>("files") { Description = "Files or globs (quoted globs are expanded by lake: 'data/**/*.csv')", Arity = ArgumentArity.OneOrMore };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "The dataset (default: the one the file's name or directory names, or the only one)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Stop once each file is stored; do not follow its stages" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to follow each upload before giving up on it", DefaultValueFactory = _ => 600 };
        var parallel = new Option<int>("--parallel") { Description = "Files sent at once", DefaultValueFactory = _ => 4 };
        var expectRejections = new Option<bool>("--expect-rejections")
        {
            Description = "Bad files are in the batch on purpose (seed data): a file Rejected, or refused by the ingest API, counts as done",
        };
        var command = new Command("upload", "Uploads files through the ingest API and follows each to its final stage (exit code 1 unless every file is Cataloged)")
        {
            files, dataset, noWait, timeout, parallel, expectRejections,
        };
        command.WithLakeAction(connection, async (session, parse, cancellationToken) =>
        {
            if (parse.GetValue(timeout) <= 0 || parse.GetValue(parallel) <= 0)
            {
                throw new UsageException("--timeout and --parallel take a positive number");
            }

            var selected = FileSelection.Resolve(parse.GetRequiredValue(files), Directory.GetCurrentDirectory());
            var plan = new UploadPlan(selected, parse.GetValue(dataset), !parse.GetValue(noWait),
                TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(parallel), TimeSpan.FromMilliseconds(500));
            var outcomes = await new UploadRunner(session.Ingest()).RunAsync(plan, UploadDisplay.For(session.Out), cancellationToken);
            session.Out.Write(Summary(outcomes));
            var rejectionsExpected = parse.GetValue(expectRejections);
            var failed = outcomes.Count(o => !o.Succeeded && !(rejectionsExpected && o.State is "Rejected" or UploadStages.Refused));
            session.Out.MarkupLineInterpolated($"{outcomes.Count} file(s): {outcomes.Count - failed} ok, {failed} not");
            return cancellationToken.IsCancellationRequested ? CliSession.Interrupted : failed == 0 ? 0 : CliSession.Failed;
        });
        return command;
    }

    private static Table Summary(IReadOnlyList<UploadOutcome> outcomes)
    {
        var table = new Table().AddColumns("file", "upload id", "stage", "detail");
        foreach (var o in outcomes)
        {
            table.AddRow(
                new Text(Path.GetFileName(o.Path)), new Text(o.UploadId ?? "-"),
                new Markup($"[{UploadStages.Colour(o.State)}]{Markup.Escape(o.State)}[/]"), new Text(o.Detail));
        }

        return table;
    }
}
