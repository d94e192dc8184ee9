namespace Lake.Functions.Validate.FileChecks;

/// <summary>Compares a file's header line with the contract's columns, and recognises a wrong delimiter.</summary>
internal static class HeaderCheck
{
    private static readonly char[] OtherDelimiters = [',', ';', '\t', '|'];

    public static ValidationFailure? Check(string header, CsvFileRules rules)
    {
        var fields = Split(header, rules.Delimiter, rules.Quote);
        if (fields.SequenceEqual(rules.Columns, StringComparer.Ordinal))
        {
            // The transform reads column names exactly: a padded name passing here would fail there, into the DLQ.
            var padded = Split(header.TrimEnd('\r'), rules.Delimiter, rules.Quote, trim: false).FirstOrDefault(f => f != f.Trim());
            return padded is null ? null : new ValidationFailure(FileCheck.HeaderMatches, 1,
                $"the column name '{padded}' has spaces around it; names must be exactly {string.Join(rules.Delimiter, rules.Columns)}");
        }

        foreach (var other in OtherDelimiters.Where(d => d != rules.Delimiter))
        {
            if (Split(header, other, rules.Quote).SequenceEqual(rules.Columns, StringComparer.Ordinal))
            {
                return new ValidationFailure(FileCheck.Delimiter, 1,
                    $"fields are separated by {Describe(other)}, the contract says {Describe(rules.Delimiter)}");
            }
        }

        var missing = rules.Columns.Except(fields, StringComparer.Ordinal).ToList();
        var unexpected = fields.Except(rules.Columns, StringComparer.Ordinal).ToList();
        var detail = missing.Count == 0 && unexpected.Count == 0
            ? $"columns are out of order: expected {string.Join(rules.Delimiter, rules.Columns)}, found {string.Join(rules.Delimiter, fields)}"
            : string.Join("; ", new[]
            {
                missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null,
                unexpected.Count > 0 ? $"unexpected {string.Join(", ", unexpected)}" : null,
            }.OfType<string>());
        return new ValidationFailure(FileCheck.HeaderMatches, 1, detail);
    }

    /// <summary>Splits one CSV line; quoted fields may hold the delimiter and doubled quotes.</summary>
    internal static List<string> Split(string line, char delimiter, char quote, bool trim = true)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == quote && i + 1 < line.Length && line[i + 1] == quote)
                {
                    field.Append(quote);
                    i++;
                }
                else if (c == quote)
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == quote)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(trim ? field.ToString().Trim() : field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(trim ? field.ToString().Trim() : field.ToString());
        return fields;
    }

    private static string Describe(char delimiter) => delimiter switch
    {
        '\t' => "tabs",
        ',' => "commas",
        ';' => "semicolons",
        '|' => "pipes",
        _ => $"'{delimiter}'",
    };
}
