using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lake.Provisioning;

internal static class JsonSemantics
{
    /// <summary>
    /// Whether two JSON texts mean the same: object key order is ignored, and a number equals its
    /// string form (SQS hands <c>maxReceiveCount</c> back as either).
    /// </summary>
    public static bool Equal(string left, string right)
    {
        try
        {
            return JsonNode.DeepEquals(Normalize(JsonNode.Parse(left)), Normalize(JsonNode.Parse(right)));
        }
        catch (JsonException)
        {
            return left == right;
        }
    }

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.ToJsonString()),
        JsonValue v => JsonValue.Create(v.GetValue<JsonElement>()),
        _ => null,
    };
}
