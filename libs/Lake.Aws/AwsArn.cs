namespace Lake.Aws;

/// <summary>ARNs: <c>arn:partition:service:region:account:resource</c>.</summary>
public static class AwsArn
{
    /// <summary>
    /// The ARN of <paramref name="name"/> in <paramref name="service"/> in the same partition, region and account as
    /// <paramref name="arn"/>; e.g. the alerts topic beside the queue that delivered a message. Names, not ARNs, are
    /// configured (DESIGN §3); this is how one becomes an ARN without another call.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="arn"/> is not an ARN.</exception>
    public static string Sibling(string arn, string service, string name)
    {
        var parts = arn.Split(':');
        return parts is ["arn", _, _, _, _, ..] && parts.Length >= 6
            ? $"arn:{parts[1]}:{service}:{parts[3]}:{parts[4]}:{name}"
            : throw new FormatException($"'{arn}' is not an ARN.");
    }
}
