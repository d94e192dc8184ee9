using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary><c>lake tables</c>: the catalog's tables as the query service serves them.</summary>
internal static class TablesCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var command = new Command("tables", "The catalog's tables: columns, partitions, files, bytes");
        command.WithLakeAction(connection, async (session, parse, cancellationToken) =>
        {
            var tables = await session.Query().TablesAsync(cancellationToken);
            if (tables.Count == 0)
            {
                session.Out.WriteLine("no tables yet: a dataset's table appears with its first cataloged upload (lake upload <files>)");
                return 0;
            }

            var table = new Table().AddColumns("table", "columns", "partitioned by", "partitions", "files", "bytes");
            foreach (var t in tables)
            {
                table.AddRow(
                    t.QualifiedName,
                    string.Join(", ", t.Columns.Select(c => $"{c.Name} {c.Type}")),
                    string.Join(", ", t.PartitionKeys.Select(c => c.Name)),
                    t.PartitionCount.ToString(CultureInfo.InvariantCulture),
                    t.FileCount.ToString(CultureInfo.InvariantCulture),
                    t.Bytes.ToString("N0", CultureInfo.InvariantCulture));
            }

            session.Out.Write(table);
            return 0;
        });
        return command;
    }
}
