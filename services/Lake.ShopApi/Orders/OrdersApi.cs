using System.Globalization;
using System.Text.Json;

namespace Lake.ShopApi.Orders;

/// <summary>
/// <c>GET /v1/orders?since=&amp;until=&amp;page=&amp;page_size=</c>: the orders placed in a window, a page at a time (pages
/// from 1; a page past the last is empty). <c>GET /v1/orders.jsonl</c>: the same, one JSON object per line. Faults
/// on request: <c>fault=http500</c> (a 500 problem), <c>fault=slow</c> (answers after <c>delay_ms</c>, 5000 by default),
/// <c>fault=malformed</c> (the JSON breaks off), <c>fault=empty</c> (an empty page); with <c>times=N&amp;key=K</c> only
/// the first N requests carrying K are faulty, so retries can recover.
/// </summary>
public static class OrdersApi
{
    private const int MaxPageSize = 1000;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/orders", (HttpContext http, FaultCounter faults, CancellationToken cancellationToken) => AnswerAsync(http, faults, lines: false, cancellationToken));
        app.MapGet("/v1/orders.jsonl", (HttpContext http, FaultCounter faults, CancellationToken cancellationToken) => AnswerAsync(http, faults, lines: true, cancellationToken));
        return app;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, FaultCounter faults, bool lines, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (!TryTime(query["since"], out var since) || !TryTime(query["until"], out var until) || until < since || until - since > MaxWindow)
        {
            return TypedResults.Problem(statusCode: 400, title: "Bad window",
                detail: "since and until are ISO 8601 times (2026-12-04T13:00:00Z), until not before since, at most 31 days apart.");
        }

        var page = TryInt(query["page"], 1, out var p) && p >= 1 ? p : -1;
        var pageSize = TryInt(query["page_size"], 100, out var s) && s is >= 1 and <= MaxPageSize ? s : -1;
        if (page < 0 || pageSize < 0)
        {
            return TypedResults.Problem(statusCode: 400, title: "Bad paging", detail: $"page is 1 or more; page_size between 1 and {MaxPageSize}.");
        }

        var fault = ActiveFault(query, faults);
        if (fault is "slow")
        {
            var delay = TryInt(query["delay_ms"], 5000, out var d) ? Math.Clamp(d, 0, 120_000) : 5000;
            await Task.Delay(delay, cancellationToken);
        }

        if (fault is "http500")
        {
            return TypedResults.Problem(statusCode: 500, title: "Internal Server Error", detail: "The shop's order service failed (fault requested).");
        }

        var orders = fault is "empty" ? [] : OrderBook.Between(since, until).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var body = lines
            ? string.Concat(orders.Select(o => JsonSerializer.Serialize(o, Json) + "\n"))
            : JsonSerializer.Serialize(new OrdersPage(page, pageSize, orders), Json);
        if (fault is "malformed")
        {
            body = body.Length > 2 ? body[..(body.Length / 2)] : "{\"orders\": [";
        }

        return TypedResults.Text(body, lines ? "application/x-ndjson" : "application/json");
    }

    private static string? ActiveFault(IQueryCollection query, FaultCounter faults)
    {
        var fault = query["fault"].ToString();
        if (fault is not ("http500" or "slow" or "malformed" or "empty"))
        {
            return null;
        }

        return !TryInt(query["times"], 0, out var times) || times <= 0 || faults.Applies($"{query["key"]}/{fault}", times) ? fault : null;
    }

    private static bool TryTime(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
