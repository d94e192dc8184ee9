using System.Text.Json;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Results;

/// <summary>
/// <c>{ "columns": [{ "name", "type" }], "rows": [[...]], "rowCount", "elapsedMs", "bytesScanned", "bytesScannedEstimated", "filesScanned" }</c>
/// (<c>bytesScannedEstimated</c>: true when <see cref="ScanStatistics.BytesEstimated">bytesScanned is an estimate</see>).
/// Integers, floating point and booleans are JSON numbers and booleans; DECIMAL is a JSON string holding the exact
/// value (money must not round through a double); other values as <see cref="CellText"/> writes them.
/// </summary>
public sealed class JsonQueryResult(QueryResult result) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(httpContext.Response.Body);
        json.WriteStartObject();
        json.WriteStartArray("columns");
        foreach (var column in result.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            json.WriteStartArray();
            for (var i = 0; i < row.Length; i++)
            {
                WriteCell(json, row[i], result.Columns[i]);
            }

            json.WriteEndArray();
            if (json.BytesPending > 32_768)
            {
                await json.FlushAsync(httpContext.RequestAborted);
            }
        }

        json.WriteEndArray();
        json.WriteNumber("rowCount", result.Rows.Count);
        json.WriteNumber("elapsedMs", Math.Round(result.Elapsed.TotalMilliseconds, 3));
        json.WriteNumber("bytesScanned", result.Scanned.BytesScanned);
        json.WriteBoolean("bytesScannedEstimated", result.Scanned.BytesEstimated);
        json.WriteNumber("filesScanned", result.Scanned.FilesScanned);
        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }

    private static void WriteCell(Utf8JsonWriter json, object? value, ResultColumn column)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128:
                json.WriteRawValue(CellText.Format(value, column)!, skipInputValidation: true);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            default:
                json.WriteStringValue(CellText.Format(value, column));
                break;
        }
    }
}
