using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary><c>lake dlq</c> (the dead-letter queues and a look at their messages) and <c>lake dlq redrive &lt;queue&gt;</c>, through the console.</summary>
internal static class DlqCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var command = new Command("dlq", "Dead letters: each work queue's dead-letter queue, with up to 10 messages");
        command.WithLakeAction(connection, async (session, parse, cancellationToken) =>
        {
            var queues = await session.LakeConsole().DeadLettersAsync(cancellationToken);
            var table = new Table().AddColumns("queue", "dead letters", "work queue (waiting / in flight)", "messages");
            foreach (var q in queues)
            {
                var dead = q.DeadLetters.Exists ? (q.DeadLetters.Waiting + q.DeadLetters.InFlight).ToString(CultureInfo.InvariantCulture) : "missing";
                var work = q.Source.Exists ? $"{q.Source.Waiting} / {q.Source.InFlight}" : "missing";
                var sample = string.Join("\n", q.Sample.Select(m => $"{m.MessageId} (received {m.ReceiveCount}x): {Shorten(m.Body)}"));
                table.AddRow(new Text(q.Queue), new Text(dead), new Text(work), new Text(sample));
            }

            session.Out.Write(table);
            return 0;
        });
        command.Add(Redrive(connection));
        return command;
    }

    private static Command Redrive(ConnectionOptions connection)
    {
        var queue = new Argument<string>("queue") { Description = "validate or transform" };
        queue.AcceptOnlyFromAmong("validate", "transform");
        var command = new Command("redrive", "Moves a dead-letter queue's messages back to its work queue") { queue };
        command.WithLakeAction(connection, async (session, parse, cancellationToken) =>
        {
            var result = await session.LakeConsole().RedriveAsync(parse.GetRequiredValue(queue), cancellationToken);
            session.Out.WriteLine($"{result.Queue}: {result.Moved} moved back to the work queue, {result.Failed} failed (left in the dead-letter queue)");
            return result.Failed == 0 ? 0 : CliSession.Failed;
        });
        return command;
    }

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ");
        return line.Length > 120 ? line[..117] + "..." : line;
    }
}
