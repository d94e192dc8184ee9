using System.Text.Json.Serialization;

namespace Lake.ShopApi.Orders;

/// <summary>An order as the shop's API writes it: nested customer, snake_case names, a timestamp and a date.</summary>
public sealed record ShopOrder(
    string Id,
    [property: JsonPropertyName("placed_at")] DateTimeOffset PlacedAt,
    string Date,
    ShopCustomer Customer,
    string Product,
    int Quantity,
    [property: JsonPropertyName("unit_price")] decimal UnitPrice,
    string Currency,
    decimal Total);

public sealed record ShopCustomer(string Id, string? Name);

/// <summary>One page of orders.</summary>
public sealed record OrdersPage(int Page, [property: JsonPropertyName("page_size")] int PageSize, IReadOnlyList<ShopOrder> Orders);
