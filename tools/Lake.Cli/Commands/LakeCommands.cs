using System.CommandLine;

namespace Lake.Cli.Commands;

/// <summary>The <c>lake</c> command: its subcommands and the options that find the lake.</summary>
internal static class LakeCommands
{
    public static RootCommand Create()
    {
        var connection = new ConnectionOptions();
        var root = new RootCommand("lake: the local lake from a shell. It finds the lake from the AppHost's state directory (.lake/state/lake.json), or from flags and LAKE_* variables.");
        foreach (var option in connection.All)
        {
            root.Add(option);
        }

        root.Add(UploadCommand.Create(connection));
        root.Add(StatusCommand.Create(connection));
        root.Add(QueryCommand.Create(connection));
        root.Add(TablesCommand.Create(connection));
        root.Add(DlqCommand.Create(connection));
        return root;
    }
}
