using Lake.IngestApi.Datasets;
using Lake.IngestApi.Uploads;
using Lake.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lake.IngestApi.Apis;

/// <summary><c>/v1/uploads</c> and <c>/v1/datasets</c>, behind the API key.</summary>
public static class UploadsApi
{
    /// <summary>An upload request is a few hundred bytes of JSON: a larger body is refused (413) before it is read whole.</summary>
    public const long MaxRequestBytes = 64 * 1024;

    public static RouteGroupBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").RequireAuthorization().WithTags("Ingest");
        api.MapPost("/uploads", CreateUploadAsync).WithName("CreateUpload")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithSummary("A presigned PUT URL for one file of a dataset, and its upload id.");
        api.MapGet("/uploads/{uploadId}", GetUploadAsync).WithName("GetUpload")
            .WithSummary("The upload's current stage and stage history.");
        api.MapGet("/datasets", (IDatasetCatalog datasets) => TypedResults.Ok(datasets.All.OrderBy(d => d.Name).ToList()))
            .WithName("ListDatasets").WithSummary("The datasets uploads may target, from their contracts.");
        return api;
    }

    private static async Task<Results<Ok<CreateUploadResponse>, ProblemHttpResult>> CreateUploadAsync(
        CreateUploadRequest request, IDatasetCatalog datasets, UploadIssuer issuer, CancellationToken cancellationToken)
    {
        if (UploadRequestValidator.Check(request, datasets.Find(request.Dataset ?? ""), datasets.All) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid upload");
        }

        return TypedResults.Ok(await issuer.IssueAsync(request, cancellationToken));
    }

    private static async Task<Results<Ok<UploadStatusResponse>, ProblemHttpResult>> GetUploadAsync(
        string uploadId, UploadStatusStore status, CancellationToken cancellationToken)
    {
        if (!UploadId.TryParse(uploadId, out var id))
        {
            return TypedResults.Problem($"'{uploadId}' is not an upload id (32 lower-case hex digits).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid upload id");
        }

        if (await status.GetAsync(id, cancellationToken) is not { } upload)
        {
            return TypedResults.Problem($"No upload {id} is known.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return TypedResults.Ok(new UploadStatusResponse(
            upload.UploadId.Value, upload.Dataset, upload.FileName, upload.Stage.ToString(), upload.Stage.IsFinal(),
            upload.CreatedAt, upload.UpdatedAt, upload.Details,
            upload.History.Select(h => new StageResponse(h.Stage.ToString(), h.At, h.Details)).ToList()));
    }
}
