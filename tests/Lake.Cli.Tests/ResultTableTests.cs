using System.Text.Json;
using Lake.Cli.Output;
using Spectre.Console;

namespace Lake.Cli.Tests;

/// <summary>The figures under a query's table: bytes scanned, said to be "about" when the service estimated them.</summary>
[Trait("Category", "Unit")]
public sealed class ResultTableTests
{
    [Theory]
    [InlineData("false", "1 row(s) in 3.5 ms, 9,000 bytes scanned")]
    [InlineData("true", "1 row(s) in 3.5 ms, about 9,000 bytes scanned")]
    public void TheFiguresSayWhetherBytesScannedIsAnEstimate(string estimated, string figures)
    {
        using var result = JsonDocument.Parse($$"""
            {"columns":[{"name":"n","type":"BIGINT"}],"rows":[[42]],"rowCount":1,"elapsedMs":3.5,"bytesScanned":9000,"bytesScannedEstimated":{{estimated}},"filesScanned":7}
            """);
        using var written = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(written), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        ResultTable.Write(console, result.RootElement);

        Assert.Equal(figures, written.ToString().TrimEnd().Split('\n')[^1].TrimEnd());
    }
}
