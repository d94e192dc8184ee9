using System.Text;
using CsvHelper;

namespace Lake.Testing;

/// <summary>One data record of a CSV file as CsvHelper reads it: its line, and its fields by header name.</summary>
public sealed record CsvRecord(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string column] => Fields[column];
}

/// <summary>Reads CSV files with CsvHelper, independently of DuckDB and of the lake's SQL: what tests expect the lake to hold.</summary>
public static class CsvOracle
{
    public static IReadOnlyList<CsvRecord> Read(string path)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = false });
        var header = csv.Headers.ToArray();
        var records = new List<CsvRecord>();
        while (csv.Read())
        {
            records.Add(new CsvRecord((int)csv.LineNumber, header.Select((name, i) => (name, value: csv.GetString(i))).ToDictionary(x => x.name, x => x.value)));
        }

        return records;
    }
}
