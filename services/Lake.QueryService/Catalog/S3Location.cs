namespace Lake.QueryService.Catalog;

/// <summary>An <c>s3://bucket/prefix/</c> location as the catalog writes it; the prefix always ends with '/' (or is empty).</summary>
public sealed record S3Location(string Bucket, string Prefix)
{
    /// <summary>Parses <c>s3://bucket/some/prefix</c> (with or without the trailing '/'); null when it is not an S3 URL.</summary>
    public static S3Location? TryParse(string? location)
    {
        const string Scheme = "s3://";
        if (location is null || !location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = location[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Length == 0)
        {
            return null;
        }

        return new S3Location(bucket, prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/");
    }

    /// <summary>Whether <paramref name="other"/> lies in this location (same bucket, under this prefix).</summary>
    public bool Contains(S3Location other) => other.Bucket == Bucket && other.Prefix.StartsWith(Prefix, StringComparison.Ordinal);

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
