using Lake.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Uploads;

/// <summary><c>/api/uploads</c> (recent uploads) and <c>/api/uploads/{id}</c> (one upload's lineage).</summary>
internal static class UploadsApi
{
    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/uploads");
        api.MapGet("/", async (UploadStatusStore store, int? limit, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.ListRecentAsync(Math.Clamp(limit ?? 100, 1, 1000), cancellationToken: cancellationToken)).Select(UploadRow.Of)));
        api.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<Results<Ok<UploadView>, NotFound<string>, BadRequest<string>>> GetAsync(
        string id, UploadStatusStore store, CancellationToken cancellationToken)
    {
        if (!UploadId.TryParse(id, out var uploadId))
        {
            return TypedResults.BadRequest($"'{id}' is not an upload id (32 lower-case hex digits).");
        }

        return await store.GetAsync(uploadId, cancellationToken) is { } status
            ? TypedResults.Ok(UploadView.Of(status))
            : TypedResults.NotFound($"No upload {id} is recorded.");
    }
}
