using System.Globalization;
using System.Text;

namespace Lake.Testing.Aspire.Chaos;

/// <summary>One file of a chaos run and what the lake must make of it.</summary>
/// <param name="ValidIds">The order ids that must reach the curated table, once each.</param>
/// <param name="BadRows">Rows the transform must quarantine.</param>
/// <param name="Check">For a file the validate function must reject: the check that rejects it.</param>
public sealed record ChaosFile(string Name, byte[] Content, IReadOnlyList<string> ValidIds, int BadRows, string? Check)
{
    public string Kind => Check is not null ? "invalid" : BadRows > 0 ? "mixed" : "valid";
}

/// <summary>
/// The files of a chaos run: valid ones, mixed ones (some rows break a rule) and invalid ones (rejected whole), each
/// with order ids unique to the run, so the curated table can be checked row by row against them.
/// </summary>
public static class ChaosFiles
{
    public const int RowsPerFile = 20;
    public const int BadRowsPerMixedFile = 3;
    private const string Header = "order_id,order_date,customer_id,customer_name,product_name,quantity,unit_price,currency,total";

    /// <summary>File <paramref name="index"/> of run <paramref name="run"/>: 3 in 5 valid, 1 in 5 mixed, 1 in 5 invalid.</summary>
    public static ChaosFile For(string run, int index) => (index % 5) switch
    {
        0 or 1 or 3 => Orders(run, index, bad: 0),
        2 => Orders(run, index, bad: BadRowsPerMixedFile),
        _ => Invalid(run, index),
    };

    private static ChaosFile Orders(string run, int index, int bad)
    {
        var text = new StringBuilder(Header).Append('\n');
        var valid = new List<string>();
        for (var row = 0; row < RowsPerFile; row++)
        {
            var id = $"{run}-{index:D4}-{row:D2}";
            var quantity = row < bad ? 0 : 1 + row % 4; // quantity 0 breaks "quantity > 0"
            Line(text, id, index, row, quantity, ',');
            if (row >= bad)
            {
                valid.Add(id);
            }
        }

        return new ChaosFile($"chaos-{index:D4}.csv", Encoding.UTF8.GetBytes(text.ToString()), valid, bad, null);
    }

    private static ChaosFile Invalid(string run, int index)
    {
        var text = new StringBuilder();
        string check;
        switch (index / 5 % 3)
        {
            case 0:
                text.Append(Header).Append('\n');
                check = "NotHeaderOnly";
                break;
            case 1:
                text.Append(Header.Replace("quantity", "qty", StringComparison.Ordinal)).Append('\n');
                Line(text, $"{run}-{index:D4}-00", index, 0, 1, ',');
                check = "HeaderMatches";
                break;
            default:
                text.Append(Header.Replace(',', ';')).Append('\n');
                Line(text, $"{run}-{index:D4}-00", index, 0, 1, ';');
                check = "Delimiter";
                break;
        }

        return new ChaosFile($"chaos-{index:D4}.csv", Encoding.UTF8.GetBytes(text.ToString()), [], 0, check);
    }

    private static void Line(StringBuilder text, string id, int index, int row, int quantity, char delimiter)
    {
        var price = 10m + index % 7 + row / 4m;
        var fields = new[]
        {
            id, $"2025-01-{1 + index % 28:D2}", $"C{index:D6}", "Chaos Tester", "Desk Lamp", quantity.ToString(CultureInfo.InvariantCulture),
            price.ToString("0.00", CultureInfo.InvariantCulture), "EUR", (price * quantity).ToString("0.00", CultureInfo.InvariantCulture),
        };
        text.AppendJoin(delimiter, fields).Append('\n');
    }
}
