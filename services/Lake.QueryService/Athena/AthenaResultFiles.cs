using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Lake.Aws.Athena;
using S3Location = Lake.QueryService.Catalog.S3Location;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Athena;

/// <summary>
/// Writes a succeeded query's result where Athena writes it: <c>{OutputLocation}{QueryExecutionId}.csv</c> (every
/// field double-quoted, quotes doubled, NULL as an empty unquoted field, <c>\n</c> line ends, a header row) and
/// <c>{id}.csv.metadata</c> next to it. Athena's metadata file is an undocumented binary; here it is the result's
/// <see cref="ResultSetMetadata"/> as JSON. Each object is one PutObject, so a reader sees all of it or nothing.
/// </summary>
public sealed class AthenaResultFiles(IAmazonS3 s3)
{
    public const string MetadataSuffix = ".metadata";

    public async Task WriteAsync(string resultLocation, QueryResult result, CancellationToken cancellationToken)
    {
        var location = S3Location.TryParse(resultLocation) ?? throw new InvalidOperationException($"Not an s3:// location: {resultLocation}");
        var key = location.Prefix.TrimEnd('/');
        await PutAsync(location.Bucket, key, Csv(result), "text/csv", cancellationToken);
        var metadata = new ResultSetMetadata { ColumnInfo = [.. result.Columns.Select(AthenaTypes.ColumnInfo)] };
        await PutAsync(location.Bucket, key + MetadataSuffix, JsonSerializer.SerializeToUtf8Bytes(metadata, AthenaJson.Options), "application/json", cancellationToken);
    }

    /// <summary>The result as Athena's CSV.</summary>
    public static byte[] Csv(QueryResult result)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', result.Columns.Select(c => Quote(c.Name))).Append('\n');
        foreach (var row in result.Rows)
        {
            text.AppendJoin(',', row.Select((value, i) => AthenaTypes.Text(value, result.Columns[i]) is { } cell ? Quote(cell) : "")).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task PutAsync(string bucket, string key, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(body, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream, ContentType = contentType, AutoCloseStream = false }, cancellationToken);
    }
}
