namespace Lake.Aws.Protocols;

/// <summary>One call as a protocol encoded it: always <c>POST</c> to the service endpoint.</summary>
/// <param name="Operation">The operation name, for error messages.</param>
/// <param name="Body">The exact bytes to send (and sign).</param>
/// <param name="ContentType">The full Content-Type header value.</param>
/// <param name="Headers">Extra headers, signed with the rest.</param>
internal sealed record AwsHttpRequest(
    string Operation,
    byte[] Body,
    string ContentType,
    IReadOnlyDictionary<string, string> Headers);
