using System.Globalization;

namespace Lake.QueryService.Tests;

/// <summary>One row of the orders dataset (contracts/orders.yaml), as a test writes it.</summary>
public sealed record OrderRow(string OrderId, DateOnly OrderDate, string CustomerId, string? CustomerName, string ProductName, int Quantity, decimal UnitPrice, string Currency)
{
    public decimal Total => Quantity * UnitPrice;

    public string Day => OrderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><paramref name="count"/> distinct orders of one day, numbered from <paramref name="first"/>.</summary>
    public static IReadOnlyList<OrderRow> For(DateOnly day, int count, int first = 1) =>
        [.. Enumerable.Range(first, count).Select(i => new OrderRow(
            $"ORD-{day:yyyyMMdd}-{i:D8}", day, $"C{i % 7:D3}", i % 5 == 0 ? null : $"Customer {i}", $"Product {i % 3}",
            1 + (i % 4), 9.99m + i, i % 2 == 0 ? "EUR" : "USD"))];
}
