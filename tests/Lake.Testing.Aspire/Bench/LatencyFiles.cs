using System.Globalization;
using System.Text;

namespace Lake.Testing.Aspire.Bench;

/// <summary>
/// The bench's orders files: valid, <see cref="Rows"/> rows each over the 31 days of a month (31 partitions, as the
/// issue's measurements had), with order ids unique to the run and the file, so the curated table can be counted per id.
/// </summary>
public static class LatencyFiles
{
    public const int Rows = 1_000;
    private const string Header = "order_id,order_date,customer_id,customer_name,product_name,quantity,unit_price,currency,total";

    public static string Id(string run, int file, int row) => $"{run}-{file:D4}-{row:D4}";

    public static byte[] For(string run, int file)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var row = 0; row < Rows; row++)
        {
            var quantity = 1 + (row % 5);
            var price = 5m + (row % 40) + (file % 7 / 4m);
            text.AppendJoin(',',
                Id(run, file, row), $"2025-03-{1 + (row % 31):D2}", $"C{row % 500:D6}", "Bench Buyer", "Desk Lamp",
                quantity.ToString(CultureInfo.InvariantCulture), price.ToString("0.00", CultureInfo.InvariantCulture), "EUR",
                (price * quantity).ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
