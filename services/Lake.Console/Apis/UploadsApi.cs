using Lake.Console.Model;
using Lake.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lake.Console.Apis;

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

    private static async Task<Results<Ok<UploadView>, ProblemHttpResult>> GetAsync(
        string id, UploadStatusStore store, IOptions<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        if (!UploadId.TryParse(id, out var uploadId))
        {
            return TypedResults.Problem("An upload id is 32 lower-case hex digits.", statusCode: StatusCodes.Status400BadRequest, title: "Not an upload id");
        }

        return await store.GetAsync(uploadId, cancellationToken) is { } status
            ? TypedResults.Ok(UploadView.Of(status, options.Value.Dashboard))
            : TypedResults.Problem($"No upload {uploadId} is recorded.", statusCode: StatusCodes.Status404NotFound, title: "Upload not found");
    }
}
