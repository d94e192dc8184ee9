using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Lake.Contracts.Tests;

/// <summary>
/// The orders contract's rules written out by hand in plain C#, independent of Lake.Contracts' parser and of
/// the generator, so the seed files are checked against what the contract says, not against themselves.
/// </summary>
internal static partial class OrdersOracle
{
    public const string Type = "type";

    public static readonly string[] Header =
        ["order_id", "order_date", "customer_id", "customer_name", "product_name", "quantity", "unit_price", "currency", "total"];

    private const string PrimaryKey = "IsPrimaryKey \"order_id\"";
    private const string OrderIdLength = "ColumnLength \"order_id\" between 8 and 32";
    private const string DateRange = "ColumnValues \"order_date\" between \"2000-01-01\" and \"2100-01-01\"";
    private const string PositiveQuantity = "ColumnValues \"quantity\" > 0";
    private const string UnitPriceNotNegative = "ColumnValues \"unit_price\" >= 0";
    private const string CurrencyShape = "ColumnValues \"currency\" matches \"^[A-Z]{3}$\"";
    private const string KnownCurrency = "ColumnValues \"currency\" in [\"EUR\", \"USD\", \"GBP\", \"CHF\", \"JPY\", \"SEK\", \"NOK\", \"DKK\", \"PLN\", \"CZK\", \"CAD\", \"AUD\"]";
    private const string TotalMatches = "ColumnExpression \"abs(total - quantity * unit_price)\" <= 0.01";
    private const string RowCount = "RowCount > 0";

    private static readonly string[] Required = ["order_id", "order_date", "customer_id", "product_name", "quantity", "unit_price", "currency", "total"];
    private static readonly HashSet<string> Currencies = ["EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD"];

    /// <summary>Every rule of the contract this oracle evaluates, by its text.</summary>
    public static IEnumerable<string> Rules =>
        [PrimaryKey, .. Required.Select(c => $"IsComplete \"{c}\""), OrderIdLength, DateRange, PositiveQuantity, UnitPriceNotNegative,
         CurrencyShape, KnownCurrency, TotalMatches, RowCount];

    /// <summary>Reads an orders file (strict UTF-8, CsvHelper) and returns its header and, per data line, the rules it breaks.</summary>
    public static (string[] Header, List<(int Line, Dictionary<string, string> Row, List<string> Broken)> Rows) Evaluate(byte[] file)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file);
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = false });
        var header = csv.Headers.ToArray();
        var rows = new List<(int, Dictionary<string, string>, List<string>)>();
        var seenIds = new HashSet<string>();
        while (csv.Read())
        {
            var row = header.Select((name, i) => (name, value: csv.GetString(i))).ToDictionary(x => x.name, x => x.value);
            var broken = RowFailures(row);
            if (row["order_id"].Length > 0 && !seenIds.Add(row["order_id"]))
            {
                broken.Add(PrimaryKey);
            }

            rows.Add(((int)csv.LineNumber, row, broken));
        }

        return (header, rows);
    }

    public static List<string> RowFailures(IReadOnlyDictionary<string, string> row)
    {
        var broken = Required.Where(c => row[c].Length == 0).Select(c => $"IsComplete \"{c}\"").ToList();
        var id = row["order_id"];
        if (id.Length > 0 && id.Length is < 8 or > 32)
        {
            broken.Add(OrderIdLength);
        }

        if (row["order_date"].Length > 0)
        {
            if (!DateOnly.TryParseExact(row["order_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                broken.Add(Type);
            }
            else if (date < new DateOnly(2000, 1, 1) || date > new DateOnly(2100, 1, 1))
            {
                broken.Add(DateRange);
            }
        }

        var quantity = Number(row["quantity"], integer: true, broken);
        var price = Number(row["unit_price"], integer: false, broken, precision: 12);
        var total = Number(row["total"], integer: false, broken, precision: 14);
        if (quantity is <= 0)
        {
            broken.Add(PositiveQuantity);
        }

        if (price is < 0)
        {
            broken.Add(UnitPriceNotNegative);
        }

        var currency = row["currency"];
        if (currency.Length > 0 && !ThreeCapitals().IsMatch(currency))
        {
            broken.Add(CurrencyShape);
        }

        if (currency.Length > 0 && !Currencies.Contains(currency))
        {
            broken.Add(KnownCurrency);
        }

        if (quantity is { } q && price is { } p && total is { } t && Math.Abs(t - (q * p)) > 0.01m)
        {
            broken.Add(TotalMatches);
        }

        return broken;
    }

    /// <summary>An int, or a decimal of at most 2 decimals and the given precision; null (and "type" noted) otherwise.</summary>
    private static decimal? Number(string text, bool integer, List<string> broken, int precision = 10)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var styles = integer ? NumberStyles.AllowLeadingSign : NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out var value)
            && (integer ? value is >= int.MinValue and <= int.MaxValue : value.Scale <= 2 && Math.Abs(value) < (decimal)Math.Pow(10, precision - 2)))
        {
            return value;
        }

        broken.Add(Type);
        return null;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex ThreeCapitals();
}
