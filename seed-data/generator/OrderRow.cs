using System.Text;

namespace Lake.SeedGenerator;

/// <summary>One orders CSV row, as text: a bad row can hold any value (an empty id, a date that is not one).</summary>
public sealed record OrderRow(
    string OrderId, string OrderDate, string CustomerId, string CustomerName, string ProductName,
    string Quantity, string UnitPrice, string Currency, string Total)
{
    /// <summary>The orders contract's columns, in header order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["order_id", "order_date", "customer_id", "customer_name", "product_name", "quantity", "unit_price", "currency", "total"];

    public IReadOnlyList<string> Fields => [OrderId, OrderDate, CustomerId, CustomerName, ProductName, Quantity, UnitPrice, Currency, Total];

    /// <summary>Appends one CSV line (RFC 4180 quoting, LF ending) to <paramref name="line"/>.</summary>
    public static void AppendLine(StringBuilder line, IReadOnlyList<string> fields, char delimiter = ',')
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(delimiter);
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(['"', '\r', '\n', delimiter]) < 0)
            {
                line.Append(field);
            }
            else
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        line.Append('\n');
    }
}

/// <summary>The ways a generated row can be wrong; each breaks exactly one check of the orders contract.</summary>
public enum OrderDefect
{
    None,

    /// <summary><c>ColumnValues "quantity" &gt; 0</c> (the total stays quantity × unit_price).</summary>
    NegativeQuantity,

    /// <summary><c>ColumnValues "currency" in [...]</c>: three capitals, but not a currency the shop takes.</summary>
    UnknownCurrency,

    /// <summary>The <c>ColumnExpression</c> total check: VAT (19 %) wrongly added to the total.</summary>
    WrongTotal,

    /// <summary><c>IsComplete "order_id"</c>: the id is empty.</summary>
    MissingOrderId,

    /// <summary><c>IsPrimaryKey "order_id"</c>: the id of the row before, again.</summary>
    DuplicateOrderId,

    /// <summary>The order_date is not a yyyy-MM-dd date (the column's type, no DQDL rule).</summary>
    UnparseableDate,

    /// <summary><c>ColumnValues "order_date" between "2000-01-01" and "2100-01-01"</c>: a mistyped year.</summary>
    DateOutOfRange,
}
