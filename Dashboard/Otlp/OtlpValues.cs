using System.Globalization;
using Google.Protobuf;
using Lake.Dashboard.Otlp.Proto;

namespace Lake.Dashboard.Otlp;

/// <summary>OTLP's value shapes turned into what the dashboard shows: hex ids, times, attribute text.</summary>
internal static class OtlpValues
{
    public const string UnknownService = "unknown_service";

    /// <summary>The resource's <c>service.name</c> (the SDK sets it from <c>OTEL_SERVICE_NAME</c>).</summary>
    public static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value is { } name ? Text(name) : UnknownService;

    /// <summary>Lower-case hex, or null for an absent (empty or all-zero) id.</summary>
    public static string? Id(ByteString bytes) =>
        bytes.IsEmpty || bytes.Span.IndexOfAnyExcept((byte)0) < 0 ? null : Convert.ToHexStringLower(bytes.Span);

    public static DateTimeOffset Time(ulong unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(unixNanos / 100, (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks));

    public static IReadOnlyDictionary<string, string> Attributes(IEnumerable<KeyValue> attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            result[attribute.Key] = attribute.Value is null ? "" : Text(attribute.Value);
        }

        return result;
    }

    public static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {(kv.Value is null ? "" : Text(kv.Value))}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };
}
