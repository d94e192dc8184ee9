using System.Diagnostics;
using System.Text.Json;
using Lake.SeedGenerator;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>One seed file's upload: how it went in, its upload id, the stage it ended at.</summary>
public sealed record SeedUpload(string File, string Route, string UploadId, JsonElement Status)
{
    public string Stage => Status.GetProperty("stage").GetString()!;

    public string Detail(string key) => Status.GetProperty("details").TryGetProperty(key, out var value) ? value.GetString()! : "";
}

/// <summary>
/// The seed files as a user would load them: half through the ingest API (presigned PUTs), half with the AWS CLI
/// straight into the raw bucket; then each followed to its final stage.
/// </summary>
public sealed class SeedRun
{
    public const string ByIngestApi = "ingest API";
    public const string ByAwsCli = "AWS CLI";

    private SeedRun(IReadOnlyList<SeedUpload> uploads, string tracedUploadId, string traceId) =>
        (Uploads, TracedUploadId, TraceId) = (uploads, tracedUploadId, traceId);

    public IReadOnlyList<SeedUpload> Uploads { get; }

    /// <summary>The upload sent with a traceparent of the test's own.</summary>
    public string TracedUploadId { get; }

    public string TraceId { get; }

    public static SeedManifest Manifest { get; } = InvalidOrderFiles.ReadManifest(SeedPaths.Invalid);

    public SeedUpload Of(string file) => Uploads.Single(u => u.File == file);

    internal static async Task<SeedRun> UploadAsync(RunningLake lake)
    {
        using var ingest = lake.Ingest();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var sent = new List<(string File, string Route, string UploadId)>();
        var tracedId = "";

        foreach (var (file, index) in SeedPaths.ValidFiles.Append(SeedPaths.BadRows).Select((f, i) => (f, i)))
        {
            if (index % 2 == 0)
            {
                var traceparent = index == 0 ? $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" : null;
                var id = await ingest.UploadAsync("orders", Path.GetFileName(file), await File.ReadAllBytesAsync(file), traceparent);
                tracedId = index == 0 ? id : tracedId;
                sent.Add((file, ByIngestApi, id));
            }
            else
            {
                sent.Add((file, ByAwsCli, await PutRawAsync(lake, file)));
            }
        }

        foreach (var rejected in Manifest.Files.Where(f => f.Level == "file" && f.Committed))
        {
            sent.Add((Path.Combine(SeedPaths.Invalid, rejected.File), ByAwsCli, await PutRawAsync(lake, Path.Combine(SeedPaths.Invalid, rejected.File))));
        }

        var uploads = new List<SeedUpload>();
        foreach (var (file, route, id) in sent)
        {
            var status = await ingest.WaitForStageAsync(id, TimeSpan.FromMinutes(3), "Cataloged", "Rejected", "Failed");
            uploads.Add(new SeedUpload(Path.GetFileName(file), route, id, status));
        }

        return new SeedRun(uploads, tracedId, traceId);
    }

    /// <summary><c>aws s3 cp</c> into the raw zone under a new upload id, as a script of the user's would.</summary>
    private static async Task<string> PutRawAsync(RunningLake lake, string file)
    {
        var id = Guid.NewGuid().ToString("N");
        await lake.Cli.RunRawAsync("s3", "cp", file, $"s3://{lake.Options.Buckets.Raw}/orders/ingest_date={DateTime.UtcNow:yyyy-MM-dd}/{id}.csv",
            "--metadata", $"original-name={Path.GetFileName(file)}", "--only-show-errors");
        return id;
    }
}

/// <summary>Where the seed files are.</summary>
internal static class SeedPaths
{
    public static string Valid => RepoPaths.OrdersSeed("valid");

    public static string Invalid => RepoPaths.OrdersSeed("invalid");

    public static IEnumerable<string> ValidFiles => Directory.GetFiles(Valid, "*.csv").Order(StringComparer.Ordinal);

    public static string BadRows => Path.Combine(Invalid, "bad-rows.csv");

}
