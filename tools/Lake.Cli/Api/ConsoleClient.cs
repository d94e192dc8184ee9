namespace Lake.Cli.Api;

/// <summary>The lake console's JSON API: recent uploads, dead letters, redrive.</summary>
internal sealed class ConsoleClient(LakeApiClient api)
{
    public Task<List<UploadRow>> RecentUploadsAsync(int limit, CancellationToken cancellationToken) =>
        api.GetAsync<List<UploadRow>>($"/api/uploads?limit={limit}", cancellationToken);

    public Task<List<DeadLetterQueue>> DeadLettersAsync(CancellationToken cancellationToken) =>
        api.GetAsync<List<DeadLetterQueue>>("/api/dlq", cancellationToken);

    public Task<RedriveResult> RedriveAsync(string queue, CancellationToken cancellationToken) =>
        api.PostAsync<RedriveResult>($"/api/dlq/{Uri.EscapeDataString(queue)}/redrive", body: null, cancellationToken);
}
