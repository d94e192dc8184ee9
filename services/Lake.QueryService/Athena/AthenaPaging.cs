using System.Globalization;
using System.Text;

namespace Lake.QueryService.Athena;

/// <summary>NextToken paging: a token is an opaque encoding of the offset of the next item.</summary>
public static class AthenaPaging
{
    /// <summary>The items of one page and the token of the next (null on the last page).</summary>
    /// <exception cref="AthenaException">The token is not one this service handed out, or MaxResults is out of range.</exception>
    public static (IReadOnlyList<T> Items, string? NextToken) Page<T>(IReadOnlyList<T> all, string? nextToken, int? maxResults, int defaultMax, int upperMax)
    {
        var size = maxResults ?? defaultMax;
        if (size < 1 || size > upperMax)
        {
            throw AthenaException.InvalidRequest($"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {upperMax}");
        }

        var offset = Offset(nextToken);
        var items = all.Skip(offset).Take(size).ToList();
        return (items, offset + size < all.Count ? Token(offset + size) : null);
    }

    public static string Token(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"lake:{offset}"));

    public static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("lake:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }

        throw AthenaException.InvalidRequest("The NextToken is not valid.");
    }
}
