using System.CommandLine;
using System.Globalization;
using Lake.Cli.Api;
using Lake.Cli.Uploads;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary><c>lake status [uploadId]</c>: recent uploads (from the console), or one upload's stages (from the ingest API).</summary>
internal static class StatusCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var uploadId = new Argument<string?>("uploadId") { Description = "One upload: its stages with their details", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit", "-n") { Description = "How many recent uploads (1-1000)", DefaultValueFactory = _ => 20 };
        var command = new Command("status", "Recent uploads, or one upload's stages") { uploadId, limit };
        command.WithLakeAction(connection, async (session, parse, cancellationToken) =>
        {
            if (parse.GetValue(uploadId) is { } id)
            {
                var status = await session.Ingest().StatusAsync(id, cancellationToken)
                    ?? throw new UsageException($"no upload {id} is known to the lake");
                ShowOne(session.Out, status);
                return 0;
            }

            var count = parse.GetValue(limit);
            if (count is < 1 or > 1000)
            {
                throw new UsageException("--limit takes 1 to 1000");
            }

            ShowRecent(session.Out, await session.LakeConsole().RecentUploadsAsync(count, cancellationToken));
            return 0;
        });
        return command;
    }

    private static void ShowOne(IAnsiConsole console, UploadStatus status)
    {
        console.MarkupLineInterpolated($"upload {status.UploadId}: {status.FileName} ({status.Dataset}) [{UploadStages.Colour(status.Stage)}]{status.Stage}[/]{(status.Final ? "" : " (not final)")}");
        var table = new Table().AddColumns("stage", "at", "details");
        foreach (var stage in status.History ?? [])
        {
            var details = string.Join(", ", (stage.Details ?? []).Select(d => $"{d.Key}={d.Value}"));
            table.AddRow(new Markup($"[{UploadStages.Colour(stage.Stage)}]{Markup.Escape(stage.Stage)}[/]"), new Text(Time(stage.At)), new Text(details));
        }

        console.Write(table);
    }

    private static void ShowRecent(IAnsiConsole console, IReadOnlyList<UploadRow> uploads)
    {
        if (uploads.Count == 0)
        {
            console.WriteLine("no uploads yet: lake upload <files>");
            return;
        }

        var table = new Table().AddColumns("upload id", "dataset", "file", "stage", "created", "updated");
        foreach (var u in uploads)
        {
            table.AddRow(new Text(u.UploadId), new Text(u.Dataset), new Text(u.FileName),
                new Markup($"[{UploadStages.Colour(u.Stage)}]{Markup.Escape(u.Stage)}[/]"), new Text(Time(u.CreatedAt)), new Text(Time(u.UpdatedAt)));
        }

        console.Write(table);
    }

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
