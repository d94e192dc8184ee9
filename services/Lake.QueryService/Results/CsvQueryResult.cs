using System.Text;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Results;

/// <summary>
/// The result as RFC 4180 CSV: a header row of column names, CRLF line ends, a field quoted (quotes doubled) when it
/// holds a comma, a quote or a line break. NULL is an empty field; values as <see cref="CellText"/> writes them.
/// Row count, elapsed time and bytes scanned travel in <c>X-Lake-*</c> headers.
/// </summary>
public sealed class CsvQueryResult(QueryResult result) : IResult
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    public static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers["X-Lake-Row-Count"] = result.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Lake-Elapsed-Ms"] = result.Elapsed.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Lake-Bytes-Scanned"] = result.Scanned.BytesScanned.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Lake-Bytes-Scanned-Estimated"] = result.Scanned.BytesEstimated ? "true" : "false";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 32_768);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(string.Join(',', result.Columns.Select(c => Field(c.Name))));
        foreach (var row in result.Rows)
        {
            await writer.WriteLineAsync(string.Join(',', row.Select((value, i) => Field(CellText.Format(value, result.Columns[i])))));
        }
    }
}
