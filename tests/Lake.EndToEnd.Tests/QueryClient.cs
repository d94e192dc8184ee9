using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.EndToEnd.Tests;

/// <summary><c>POST /v1/query</c> on the query service, rows as JSON.</summary>
internal static class QueryClient
{
    public static async Task<IReadOnlyList<JsonElement>> RowsAsync(Uri queryService, string apiKey, string sql)
    {
        using var http = new HttpClient { BaseAddress = queryService };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        using var response = await http.PostAsJsonAsync("/v1/query", new { sql });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{sql}\n{(int)response.StatusCode}: {body}");
        return [.. body.GetProperty("rows").EnumerateArray()];
    }
}
