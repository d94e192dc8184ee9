using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Lake.Cli.Output;

/// <summary>The query service's JSON result as a table, with its row count, time and bytes scanned below.</summary>
internal static class ResultTable
{
    public static void Write(IAnsiConsole console, JsonElement result)
    {
        var table = new Table();
        var columns = result.GetProperty("columns").EnumerateArray().ToList();
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.GetProperty("name").GetString() ?? "")));
        }

        if (columns.Count == 0)
        {
            table.AddColumn("(no columns)");
        }

        foreach (var row in result.GetProperty("rows").EnumerateArray())
        {
            table.AddRow([.. row.EnumerateArray().Select(Cell)]);
        }

        console.Write(table);
        var rows = result.TryGetProperty("rowCount", out var count) ? count.GetInt64() : table.Rows.Count;
        var elapsed = result.TryGetProperty("elapsedMs", out var ms) ? ms.GetDouble() : 0;
        var scanned = result.TryGetProperty("bytesScanned", out var bytes) ? bytes.GetInt64() : 0;
        var about = result.TryGetProperty("bytesScannedEstimated", out var estimated) && estimated.ValueKind == JsonValueKind.True ? "about " : "";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} row(s) in {elapsed:0.#} ms, {about}{scanned:N0} bytes scanned"));
    }

    private static Spectre.Console.Rendering.IRenderable Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => new Markup("[grey]NULL[/]"),
        JsonValueKind.String => new Text(value.GetString() ?? ""),
        _ => new Text(value.GetRawText()),
    };
}
