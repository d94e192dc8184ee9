using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.AppHost.Seeding;

/// <summary>
/// <c>--seed</c>: uploads <c>seed-data/&lt;dataset&gt;/valid/*.csv</c> and <c>.../invalid/*.csv</c> through the ingest
/// API as a user would (a presigned PUT per file), then follows each upload's stage for a while, printing progress.
/// </summary>
internal sealed class SeedUploader(HttpClient http, Uri ingestApi, string apiKey, TextWriter output)
{
    private static readonly TimeSpan FollowFor = TimeSpan.FromSeconds(60);

    /// <summary>Every seed file, valid ones first: (dataset, path).</summary>
    public static IReadOnlyList<(string Dataset, string Path)> Files(string seedDirectory) =>
        Directory.Exists(seedDirectory)
            ? Directory.EnumerateDirectories(seedDirectory).Order(StringComparer.Ordinal)
                .SelectMany(dataset => new[] { "valid", "invalid" }
                    .Select(kind => Path.Combine(dataset, kind)).Where(Directory.Exists)
                    .SelectMany(dir => Directory.EnumerateFiles(dir, "*.csv").Order(StringComparer.Ordinal))
                    .Select(file => (Path.GetFileName(dataset), file)))
                .ToList()
            : [];

    public async Task RunAsync(string seedDirectory, CancellationToken cancellationToken)
    {
        var files = Files(seedDirectory);
        output.WriteLine($"  seed: uploading {files.Count} files from {seedDirectory} through {ingestApi}");
        var uploads = new List<SeedUpload>();
        foreach (var (dataset, path) in files)
        {
            if (await UploadAsync(dataset, path, cancellationToken) is { } upload)
            {
                uploads.Add(upload);
            }
        }

        await FollowAsync(uploads, cancellationToken);
        var stages = uploads.GroupBy(u => u.Stage).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine($"  seed: done: {uploads.Count} uploaded ({string.Join(", ", stages)}), {files.Count - uploads.Count} refused by the ingest API");
    }

    private async Task<SeedUpload?> UploadAsync(string dataset, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        using var created = await http.SendAsync(Ingest(HttpMethod.Post, "/v1/uploads", JsonContent.Create(new { dataset, fileName = name, size = content.Length })), cancellationToken);
        if (!created.IsSuccessStatusCode)
        {
            var problem = await created.Content.ReadAsStringAsync(cancellationToken);
            output.WriteLine($"  seed: {name}: refused by the ingest API ({(int)created.StatusCode}): {Detail(problem)}");
            return null;
        }

        var upload = await created.Content.ReadFromJsonAsync<UploadTicket>(cancellationToken) ?? throw new InvalidOperationException("The ingest API answered an empty body.");
        using var put = new HttpRequestMessage(HttpMethod.Put, upload.Url) { Content = new ByteArrayContent(content) };
        foreach (var (header, value) in upload.Headers)
        {
            // Content-Type and Content-Length are signed too: they belong on the content.
            if (!put.Headers.TryAddWithoutValidation(header, value))
            {
                put.Content.Headers.Remove(header);
                put.Content.Headers.TryAddWithoutValidation(header, value);
            }
        }

        using var stored = await http.SendAsync(put, cancellationToken);
        output.WriteLine($"  seed: {name} ({content.Length:N0} bytes) -> upload {upload.UploadId}: PUT {(int)stored.StatusCode}");
        return stored.IsSuccessStatusCode ? new SeedUpload(name, upload.UploadId) : null;
    }

    private async Task FollowAsync(List<SeedUpload> uploads, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + FollowFor;
        while (uploads.Any(u => !u.Final) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, cancellationToken);
            foreach (var upload in uploads.Where(u => !u.Final))
            {
                using var response = await http.SendAsync(Ingest(HttpMethod.Get, $"/v1/uploads/{upload.UploadId}"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var status = await response.Content.ReadFromJsonAsync<UploadStatus>(cancellationToken);
                if (status is not null && status.Stage != upload.Stage)
                {
                    (upload.Stage, upload.Final) = (status.Stage, status.Final);
                    output.WriteLine($"  seed: {upload.Name}: {status.Stage}{Reason(status)}");
                }
            }
        }
    }

    private HttpRequestMessage Ingest(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(ingestApi, path)) { Content = content };
        request.Headers.Add("x-api-key", apiKey);
        return request;
    }

    private static string Reason(UploadStatus status) =>
        status.Details.TryGetValue("reason", out var reason) ? $" ({reason})" : "";

    private static string Detail(string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(problem);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? problem : problem;
        }
        catch (JsonException)
        {
            return problem;
        }
    }

    private sealed class SeedUpload(string name, string uploadId)
    {
        public string Name { get; } = name;

        public string UploadId { get; } = uploadId;

        public string Stage { get; set; } = "Requested";

        public bool Final { get; set; }
    }

    private sealed record UploadTicket(string UploadId, Uri Url, Dictionary<string, string> Headers);

    private sealed record UploadStatus(string Stage, bool Final, Dictionary<string, string> Details);
}
