using System.Text.Json.Serialization;
using Lake.Lambda.Client;
using Lake.Lambda.Events;

namespace Lake.Lambda;

/// <summary>Source-generated JSON for the event types: no reflection at start-up, which Lambda cold starts feel.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SQSEvent))]
[JsonSerializable(typeof(SQSBatchResponse))]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(LambdaError))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
