using System.Globalization;

namespace Lake.ShopApi.Orders;

/// <summary>
/// The shop's orders, a pure function of time: order number <c>n</c> is placed at <c>n × 30 s</c> after the Unix epoch,
/// and everything about it (customer, product, quantity, price, currency) follows from <c>n</c>. Any window asked
/// for twice answers the same orders, so what the lake ingested can be checked against it.
/// </summary>
public static class OrderBook
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly string[] Products = ["Espresso beans 1 kg", "Pour-over kettle", "Ceramic mug", "Milk frother", "Paper filters (100)", "Hand grinder"];
    private static readonly decimal[] Prices = [18.90m, 42.00m, 9.50m, 27.35m, 4.20m, 64.99m];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF"];
    private static readonly string?[] Names = ["Ada Lovelace", "Grace Hopper", null, "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Ken Thompson"];

    /// <summary>The orders placed in [<paramref name="since"/>, <paramref name="until"/>), oldest first.</summary>
    public static IEnumerable<ShopOrder> Between(DateTimeOffset since, DateTimeOffset until)
    {
        for (var n = FirstAtOrAfter(since); At(n) < until; n++)
        {
            yield return Order(n);
        }
    }

    public static ShopOrder Order(long n)
    {
        var placed = At(n);
        var mix = (ulong)n * 0x9E3779B97F4A7C15UL;
        var product = (int)(mix % (ulong)Products.Length);
        var quantity = (int)((mix >> 8) % 5) + 1;
        var customer = (int)((mix >> 16) % (ulong)Names.Length);
        var price = Prices[product];
        return new ShopOrder(
            $"SHOP-{n.ToString(CultureInfo.InvariantCulture)}",
            placed,
            placed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new ShopCustomer($"C{customer:0000}", Names[customer]),
            Products[product],
            quantity,
            price,
            Currencies[(int)((mix >> 24) % (ulong)Currencies.Length)],
            quantity * price);
    }

    private static DateTimeOffset At(long n) => DateTimeOffset.UnixEpoch + n * Interval;

    private static long FirstAtOrAfter(DateTimeOffset at)
    {
        var ticks = (at - DateTimeOffset.UnixEpoch).Ticks;
        return ticks <= 0 ? 0 : (ticks + Interval.Ticks - 1) / Interval.Ticks;
    }
}
