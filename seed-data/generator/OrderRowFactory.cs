using System.Globalization;

namespace Lake.SeedGenerator;

/// <summary>
/// Makes plausible orders: a customer base drawn once from the seed (names, markets, currencies), products at
/// shelf prices, small quantities, totals exactly quantity × unit price; and, on request, rows with one defect.
/// </summary>
public sealed class OrderRowFactory
{
    private const int CustomerCount = 600;
    private static readonly int[] MarketWeights = [20, 12, 8, 6, 6, 3, 15, 10, 4, 3, 3, 2, 2, 3, 2, 3, 3];
    private static readonly string[] ForeignCurrencies = ["BTC", "RUB", "INR", "XAU"];
    private static readonly OrderDefect[] Defects = [.. Enum.GetValues<OrderDefect>().Where(d => d != OrderDefect.None)];

    private readonly (string Id, string Name, Market Market)[] _customers;
    private readonly SeededRandom _random;
    private string? _previousOrderId;

    /// <param name="stream">Which independent random stream of this seed to draw rows from (e.g. the file's index).</param>
    public OrderRowFactory(int seed, int stream)
    {
        var people = SeededRandom.For(seed, -1);
        _customers = [.. Enumerable.Range(1, CustomerCount).Select(i =>
        {
            var market = ShopCatalog.Markets[WeightedIndex(people, MarketWeights)];
            var name = people.Chance(0.03) ? "" : $"{people.Pick(market.FirstNames)} {people.Pick(market.LastNames)}";
            return (string.Create(CultureInfo.InvariantCulture, $"C{i:D6}"), name, market);
        })];
        _random = SeededRandom.For(seed, stream);
    }

    /// <summary>A valid order numbered <paramref name="number"/> on <paramref name="date"/>.</summary>
    public OrderRow Valid(DateOnly date, long number)
    {
        // A few customers order often: squaring skews the pick towards the start of the list.
        var customer = _customers[(int)(Math.Pow(_random.NextDouble(), 2) * _customers.Length)];
        var product = _random.Pick(ShopCatalog.Products);
        var quantity = _random.NextDouble() switch
        {
            < 0.62 => 1,
            < 0.82 => 2,
            < 0.90 => 3,
            _ => _random.Next(4, 12),
        };
        var price = ShopCatalog.PriceIn(product, customer.Market);
        var row = new OrderRow(string.Create(CultureInfo.InvariantCulture, $"ORD-{date:yyyyMMdd}-{number:D8}"), Date(date), customer.Id, customer.Name, product.Name,
            quantity.ToString(CultureInfo.InvariantCulture), Money(price), customer.Market.Currency, Money(quantity * price));
        _previousOrderId = row.OrderId;
        return row;
    }

    /// <summary>A valid order, or with probability <paramref name="errorRate"/> one with a random defect.</summary>
    public (OrderRow Row, OrderDefect Defect) Next(DateOnly date, long number, double errorRate)
    {
        var previous = _previousOrderId;
        var row = Valid(date, number);
        if (!_random.Chance(errorRate))
        {
            return (row, OrderDefect.None);
        }

        var defect = _random.Pick(Defects);
        if (defect == OrderDefect.DuplicateOrderId && previous is null)
        {
            defect = OrderDefect.NegativeQuantity;
        }

        var broken = Break(row, defect, previous);
        _previousOrderId = broken.OrderId.Length > 0 ? broken.OrderId : previous;
        return (broken, defect);
    }

    /// <summary>Gives a valid row one defect; <paramref name="previousOrderId"/> is what a duplicate repeats.</summary>
    public OrderRow Break(OrderRow row, OrderDefect defect, string? previousOrderId)
    {
        var date = DateOnly.ParseExact(row.OrderDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var quantity = int.Parse(row.Quantity, CultureInfo.InvariantCulture);
        var price = decimal.Parse(row.UnitPrice, CultureInfo.InvariantCulture);
        return defect switch
        {
            OrderDefect.NegativeQuantity => row with { Quantity = (-quantity).ToString(CultureInfo.InvariantCulture), Total = Money(-quantity * price) },
            OrderDefect.UnknownCurrency => row with { Currency = _random.Pick(ForeignCurrencies) },
            OrderDefect.WrongTotal => row with { Total = Money(Math.Round(quantity * price * 1.19m, 2, MidpointRounding.AwayFromZero)) },
            OrderDefect.MissingOrderId => row with { OrderId = "" },
            OrderDefect.DuplicateOrderId => row with { OrderId = previousOrderId ?? throw new ArgumentNullException(nameof(previousOrderId)) },
            OrderDefect.UnparseableDate => row with { OrderDate = _random.Chance(0.5) ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{date:yyyy}-02-30") },
            OrderDefect.DateOutOfRange => row with { OrderDate = Date(date.AddYears(_random.Chance(0.5) ? -1000 : 180)) },
            _ => row,
        };
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int WeightedIndex(SeededRandom random, int[] weights)
    {
        var pick = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
