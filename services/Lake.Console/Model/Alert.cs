using System.Globalization;
using System.Text.Json;

namespace Lake.Console.Model;

/// <summary>One message published to the alerts topic, as the inbox received it.</summary>
/// <param name="Id">SNS's message id: the same alert delivered twice is shown once.</param>
/// <param name="Type">The message's <c>type</c>, e.g. <c>upload.rejected</c>; empty when it has none.</param>
/// <param name="Fields">The message's top-level values, as text (<c>reason</c>, <c>check</c>, <c>rowsQuarantined</c> ...).</param>
/// <param name="Message">The message exactly as published.</param>
public sealed record Alert(
    string Id, DateTimeOffset PublishedAt, string? Subject, string Type, string? UploadId, string? Dataset,
    IReadOnlyDictionary<string, string> Fields, string Message)
{
    /// <summary>Reads SNS's JSON envelope (what an SQS subscription without raw delivery receives); null when the body is not one.</summary>
    public static Alert? FromSnsEnvelope(string body, DateTimeOffset receivedAt)
    {
        JsonElement envelope;
        try
        {
            envelope = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }

        if (envelope.ValueKind != JsonValueKind.Object || String(envelope, "MessageId") is not { } id || String(envelope, "Message") is not { } message)
        {
            return null;
        }

        var published = DateTimeOffset.TryParse(String(envelope, "Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : receivedAt;
        var fields = ReadFields(message);
        return new Alert(id, published, String(envelope, "Subject"), fields.GetValueOrDefault("type") ?? "",
            fields.GetValueOrDefault("uploadId"), fields.GetValueOrDefault("dataset"), fields, message);
    }

    private static Dictionary<string, string> ReadFields(string message)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the alert is its text alone.
        }

        return fields;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
