namespace Lake.Cli.Connection;

/// <summary>One of the lake's services as the CLI reaches it, with where its URL and key came from (for error messages).</summary>
/// <param name="Service">e.g. <c>ingest API</c>.</param>
/// <param name="Source">e.g. <c>--ingest-url</c>, <c>LAKE_INGEST_URL</c>, <c>/repo/.lake/state/lake.json (ingestApi)</c>.</param>
/// <param name="KeyHint">How a user gives the key: <c>pass --ingest-key or set LAKE_INGEST_KEY</c>.</param>
internal sealed record LakeEndpoint(string Service, Uri Url, string Source, string? Key, string? KeySource, string KeyHint);
