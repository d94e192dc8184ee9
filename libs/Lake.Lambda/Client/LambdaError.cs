using System.Text.Json.Serialization;

namespace Lake.Lambda.Client;

/// <summary>The error document of the Runtime API's error endpoints and of a failed Invoke.</summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace);
