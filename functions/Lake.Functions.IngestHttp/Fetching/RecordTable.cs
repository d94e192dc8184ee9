using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Lake.Contracts;
using Lake.Contracts.Sources;

namespace Lake.Functions.IngestHttp.Fetching;

/// <summary>
/// Turns the pages of one window into the CSV the raw zone takes: the contract's header, then one line per record
/// with each column read from the record at its mapped path. JSON strings are written as they are, numbers as
/// written in the answer (no rounding), booleans as <c>true</c>/<c>false</c>, null or missing as empty; an object or
/// an array where a column's value belongs fails the run. A CSV source's pages are joined, later headers dropped.
/// </summary>
public sealed class RecordTable(DatasetContract contract, HttpSource source)
{
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private CsvWriter? _csv;

    public int Records { get; private set; }

    /// <summary>Adds one page; returns how many records it held and, for cursor paging, the next cursor (null at the end).</summary>
    /// <exception cref="SourceFetchException">The page is not in the declared format, or a record does not fit the columns.</exception>
    public (int Records, string? NextCursor) Add(string page, int pageNumber)
    {
        try
        {
            return source.Format switch
            {
                RecordFormat.JsonArray => AddJsonArray(page, pageNumber),
                RecordFormat.JsonLines => (AddJsonLines(page, pageNumber), null),
                _ => (AddCsv(page, pageNumber), null),
            };
        }
        catch (JsonException e)
        {
            throw new SourceFetchException($"page {pageNumber} is not valid JSON ({e.Message})", 1, e);
        }
    }

    /// <summary>The CSV file: the header and every record added.</summary>
    public byte[] ToCsv()
    {
        Writer().Flush();
        return Encoding.UTF8.GetBytes(_text.ToString());
    }

    private (int, string?) AddJsonArray(string page, int pageNumber)
    {
        using var document = JsonDocument.Parse(page);
        var records = source.Records is null ? document.RootElement : Find(document.RootElement, source.Records);
        if (records is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new SourceFetchException($"page {pageNumber}: {(source.Records is null ? "the answer" : $"'{source.Records}'")} is not a JSON array of records", 1);
        }

        var count = 0;
        foreach (var record in array.EnumerateArray())
        {
            AddRecord(record, pageNumber, ++count);
        }

        string? next = null;
        if (source.Paging.Kind == PagingKind.Cursor && Find(document.RootElement, source.Paging.NextField!) is { } cursor)
        {
            next = cursor.ValueKind switch
            {
                JsonValueKind.String => cursor.GetString() is { Length: > 0 } text ? text : null,
                JsonValueKind.Number => cursor.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw new SourceFetchException($"page {pageNumber}: the next cursor '{source.Paging.NextField}' is {cursor.ValueKind}, not a string or number", 1),
            };
        }

        return (count, next);
    }

    private int AddJsonLines(string page, int pageNumber)
    {
        var count = 0;
        foreach (var line in page.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            AddRecord(document.RootElement, pageNumber, ++count);
        }

        return count;
    }

    private int AddCsv(string page, int pageNumber)
    {
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0).ToList();
        var header = string.Join(contract.Csv.Delimiter, contract.Header);
        if (contract.Csv.Header && lines.Count > 0 && lines[0] == header)
        {
            lines.RemoveAt(0);
        }

        Writer().Flush();
        foreach (var line in lines)
        {
            _text.Write(line);
            _text.Write('\n');
        }

        Records += lines.Count;
        return lines.Count;
    }

    private void AddRecord(JsonElement record, int pageNumber, int index)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new SourceFetchException($"page {pageNumber}, record {index}: a record is a JSON object, found {record.ValueKind}", 1);
        }

        var fields = new string[contract.Columns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var column = contract.Columns[i];
            var path = source.Map[column.Name];
            fields[i] = Find(record, path) is not { } value ? "" : value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "",
                _ => throw new SourceFetchException($"page {pageNumber}, record {index}: column '{column.Name}' maps to '{path}', which is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a value", 1),
            } ?? "";
        }

        Writer().WriteRecord(fields);
        Records++;
    }

    private CsvWriter Writer()
    {
        if (_csv is null)
        {
            _csv = CsvWriter.Create(_text, new CsvWriterOptions { Separator = contract.Csv.Delimiter, NewLine = "\n" }, leaveOpen: true);
            if (contract.Csv.Header)
            {
                _csv.WriteRecord([.. contract.Header]);
            }
        }

        return _csv;
    }

    /// <summary>The value at a dotted path, or null when a step is missing.</summary>
    private static JsonElement? Find(JsonElement element, string path)
    {
        foreach (var step in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
            {
                return null;
            }
        }

        return element;
    }
}
