using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Lake.Aws.Protocols;

/// <summary>
/// JSON as the AWS JSON protocols write it: member names as declared (PascalCase), nulls and empty collections left
/// out, timestamps as epoch seconds; numbers sent as strings read. Collections read as null stay empty, so model collections are never null.
/// </summary>
internal static class AwsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepCollectionsNonNull } },
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void KeepCollectionsNonNull(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (!typeof(ICollection).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            property.ShouldSerialize = (_, value) => value is ICollection { Count: > 0 };
            if (property.Set is { } set)
            {
                property.Set = (target, value) =>
                {
                    if (value is not null)
                    {
                        set(target, value);
                    }
                };
            }
        }
    }

    /// <summary>AWS JSON timestamps: seconds since the Unix epoch, possibly fractional.</summary>
    private sealed class EpochSecondsConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return DateTime.UnixEpoch.AddSeconds(reader.GetDouble());
            }

            var text = reader.GetString() ?? throw new JsonException("A timestamp was null.");
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                ? DateTime.UnixEpoch.AddSeconds(seconds)
                : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteNumberValue((value.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds);
    }
}
