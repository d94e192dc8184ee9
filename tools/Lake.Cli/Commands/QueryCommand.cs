using System.CommandLine;
using Lake.Cli.Output;
using Lake.Cli.Uploads;

namespace Lake.Cli.Commands;

/// <summary><c>lake query "&lt;SQL&gt;"</c>: one read-only statement through the query service, as a table, CSV or JSON.</summary>
internal static class QueryCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var sql = new Argument<string>("sql") { Description = "One SQL statement over database.table (e.g. lake.orders); '-' reads it from standard input" };
        var format = new Option<string>("--format", "-f") { Description = "table, csv (the service's CSV, unchanged) or json (its JSON, unchanged)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("query", "Runs SQL through the query service") { sql, format };
        command.WithLakeAction(connection, async (session, parse, cancellationToken) =>
        {
            var text = parse.GetRequiredValue(sql);
            text = text == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : text;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("the SQL is empty");
            }

            var query = session.Query();
            switch (parse.GetValue(format))
            {
                case "csv":
                    await CopyToStdoutAsync(stdout => query.CopyAsync(text, "text/csv", stdout, cancellationToken));
                    break;
                case "json":
                    await CopyToStdoutAsync(stdout => query.CopyAsync(text, "application/json", stdout, cancellationToken));
                    break;
                default:
                    ResultTable.Write(session.Out, await query.QueryAsync(text, cancellationToken));
                    break;
            }

            return 0;
        });
        return command;
    }

    private static async Task CopyToStdoutAsync(Func<Stream, Task> copy)
    {
        await using var stdout = Console.OpenStandardOutput();
        await copy(stdout);
        await stdout.FlushAsync();
    }
}
