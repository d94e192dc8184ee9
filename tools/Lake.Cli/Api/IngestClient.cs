using System.Net;

namespace Lake.Cli.Api;

/// <summary>The ingest API: upload tickets, the PUT to storage, an upload's status, the datasets.</summary>
internal sealed class IngestClient(LakeApiClient api, HttpClient storage)
{
    public LakeApiClient Api => api;

    public Task<List<DatasetSummary>> DatasetsAsync(CancellationToken cancellationToken) =>
        api.GetAsync<List<DatasetSummary>>("/v1/datasets", cancellationToken);

    public Task<UploadTicket> RequestUploadAsync(string dataset, string fileName, long size, CancellationToken cancellationToken) =>
        api.PostAsync<UploadTicket>("/v1/uploads", new { dataset, fileName, size }, cancellationToken);

    /// <summary>PUTs the file to the presigned URL with the ticket's headers, reporting bytes sent.</summary>
    public async Task PutAsync(UploadTicket ticket, string path, IProgress<long> progress, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var request = new HttpRequestMessage(new HttpMethod(ticket.Method), ticket.Url) { Content = new ProgressContent(file, progress) };
        foreach (var (name, value) in ticket.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await storage.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new LakeApiException(api.Endpoint, 0, $"the storage behind the upload URL ({ticket.Url.GetLeftPart(UriPartial.Authority)}) does not answer: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new LakeApiException(api.Endpoint, response.StatusCode,
                    $"storage refused the file ({(int)response.StatusCode}): {(body.Length > 300 ? body[..300] + "..." : body)}");
            }
        }
    }

    /// <summary>The upload's status; null while the status table does not know it yet.</summary>
    public async Task<UploadStatus?> StatusAsync(string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetAsync<UploadStatus>($"/v1/uploads/{Uri.EscapeDataString(uploadId)}", cancellationToken);
        }
        catch (LakeApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
