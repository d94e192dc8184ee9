using System.Text.Json;
using Lake.Aws.Protocols;

namespace Lake.Aws.Athena;

/// <summary>
/// The wire form of this namespace's models, exactly as <see cref="AthenaClient"/> writes and reads it (member names
/// as declared, nulls and empty collections left out, timestamps as epoch seconds): for a server answering the client.
/// </summary>
public static class AthenaJson
{
    public static JsonSerializerOptions Options => AwsJson.Options;
}
