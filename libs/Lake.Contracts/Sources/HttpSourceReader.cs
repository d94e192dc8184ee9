using System.Text.RegularExpressions;
using Lake.Contracts.Yaml;
using YamlDotNet.RepresentationModel;
using static Lake.Contracts.Yaml.YamlValue;

namespace Lake.Contracts.Sources;

/// <summary>Reads the optional <c>source: { http: ... }</c> mapping of a contract.</summary>
internal sealed partial class HttpSourceReader(string sourceName, IReadOnlyList<ColumnDefinition> columns)
{
    private static readonly string[] SourceKeys = ["http"];
    private static readonly string[] HttpKeys = ["url", "schedule", "format", "records", "paging", "map", "timeoutSeconds", "maxAttempts"];
    private static readonly string[] PagingKeys = ["page", "cursor", "next", "maxPages"];

    public HttpSource? Read(YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var http = new YamlMapping(new YamlMapping(node, "source", sourceName, SourceKeys).Required("http"), "source http", sourceName, HttpKeys);
        var urlNode = http.Required("url");
        var urlText = String(sourceName, urlNode, "source url");
        var probe = urlText.Replace(HttpSource.WindowStartPlaceholder, "x", StringComparison.Ordinal).Replace(HttpSource.WindowEndPlaceholder, "x", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var probed) || probed.Scheme is not ("http" or "https") || probe.Contains('{', StringComparison.Ordinal))
        {
            throw Error(sourceName, urlNode, $"source url '{urlText}' is not an absolute http(s) URL (placeholders: {HttpSource.WindowStartPlaceholder}, {HttpSource.WindowEndPlaceholder})");
        }

        var scheduleNode = http.Required("schedule");
        ScheduleExpression schedule;
        try
        {
            schedule = ScheduleExpression.Parse(String(sourceName, scheduleNode, "source schedule"));
        }
        catch (FormatException e)
        {
            throw Error(sourceName, scheduleNode, $"source schedule {e.Message}");
        }

        var formatNode = http.Required("format");
        var format = String(sourceName, formatNode, "source format") switch
        {
            "json-array" => RecordFormat.JsonArray,
            "json-lines" => RecordFormat.JsonLines,
            "csv" => RecordFormat.Csv,
            var other => throw Error(sourceName, formatNode, $"source format '{other}' is not one of json-array, json-lines, csv"),
        };

        var recordsNode = http.Optional("records");
        var records = recordsNode is null ? null : Path(recordsNode, "source records");
        if (records is not null && format != RecordFormat.JsonArray)
        {
            throw Error(sourceName, recordsNode!, "source records (where the array is in the answer) is for format json-array only");
        }

        var paging = ReadPaging(http.Optional("paging"), format);
        var map = ReadMap(http.Optional("map"), format);
        var timeout = Positive(http.Optional("timeoutSeconds"), "source timeoutSeconds", 10, 300);
        var attempts = Positive(http.Optional("maxAttempts"), "source maxAttempts", 3, 10);
        return new HttpSource(new Uri(urlText, UriKind.Absolute), schedule, format, records, paging, map, timeout, attempts);
    }

    private HttpPaging ReadPaging(YamlNode? node, RecordFormat format)
    {
        if (node is null)
        {
            return HttpPaging.None;
        }

        var paging = new YamlMapping(node, "source paging", sourceName, PagingKeys);
        var maxPages = Positive(paging.Optional("maxPages"), "source paging maxPages", 100, 10_000);
        var page = paging.Optional("page");
        var cursor = paging.Optional("cursor");
        var next = paging.Optional("next");
        if ((page is null) == (cursor is null))
        {
            throw Error(sourceName, node, "source paging names either 'page' (the page number's query parameter) or 'cursor' (the cursor's query parameter, with 'next')");
        }

        if (page is not null)
        {
            return next is null
                ? new HttpPaging(PagingKind.Page, Parameter(page, "source paging page"), null, maxPages)
                : throw Error(sourceName, next, "source paging 'next' goes with 'cursor', not 'page'");
        }

        if (next is null || format != RecordFormat.JsonArray)
        {
            throw Error(sourceName, next ?? node, "source paging by 'cursor' needs 'next' (where the answer holds the next cursor) and format json-array");
        }

        return new HttpPaging(PagingKind.Cursor, Parameter(cursor!, "source paging cursor"), Path(next, "source paging next"), maxPages);
    }

    private Dictionary<string, string> ReadMap(YamlNode? node, RecordFormat format)
    {
        var map = columns.ToDictionary(c => c.Name, c => c.Name, StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        if (format == RecordFormat.Csv)
        {
            throw Error(sourceName, node, "source map is for JSON formats: a CSV source writes the contract's header");
        }

        var mapping = new YamlMapping(node, "source map", sourceName, [.. columns.Select(c => c.Name)]);
        foreach (var (keyNode, value) in mapping.Node.Children)
        {
            map[((YamlScalarNode)keyNode).Value!] = Path(value, $"source map of '{((YamlScalarNode)keyNode).Value}'");
        }

        return map;
    }

    private string Path(YamlNode node, string what)
    {
        var path = String(sourceName, node, what);
        return DottedPath().IsMatch(path)
            ? path
            : throw Error(sourceName, node, $"{what} '{path}' is not a dotted path of property names (e.g. 'customer.name')");
    }

    private string Parameter(YamlNode node, string what)
    {
        var name = String(sourceName, node, what);
        return QueryName().IsMatch(name) ? name : throw Error(sourceName, node, $"{what} '{name}' is not a query parameter name (letters, digits, '_', '-', '.')");
    }

    private int Positive(YamlNode? node, string what, int fallback, int max)
    {
        if (node is null)
        {
            return fallback;
        }

        var value = Int(sourceName, node, what);
        return value is >= 1 && value <= max ? value : throw Error(sourceName, node, $"{what} must be between 1 and {max}, found {value}");
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$-]*(\.[A-Za-z_$][A-Za-z0-9_$-]*)*$")]
    private static partial Regex DottedPath();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex QueryName();
}
