using System.Net;
using System.Text;
using System.Text.Json;
using Lake.Testing;

namespace Lake.Cli.Tests;

/// <summary>
/// Stands in for the ingest API where an upload never reaches a final stage (its transform never comes), so a test
/// can interrupt <c>lake upload</c> while it is surely following: datasets, a ticket whose PUT goes back here,
/// and a status that stays <c>Validated</c>.
/// </summary>
internal sealed class StuckIngestApi : LoopbackHttpServer
{
    public const string UploadId = "0123456789abcdef0123456789abcdef";

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        object? body = (context.Request.HttpMethod, path) switch
        {
            ("GET", "/v1/datasets") => new[] { new { name = "orders", description = "orders", maxBytes = 1_000_000 } },
            ("POST", "/v1/uploads") => new
            {
                uploadId = UploadId, method = "PUT", url = new Uri(Url, "storage/orders.csv"), headers = new Dictionary<string, string>(),
                expiresAt = DateTimeOffset.UtcNow.AddMinutes(15), key = "orders/orders.csv",
            },
            ("PUT", "/storage/orders.csv") => null,
            ("GET", $"/v1/uploads/{UploadId}") => new
            {
                uploadId = UploadId, dataset = "orders", fileName = "orders.csv", stage = "Validated", final = false,
                createdAt = DateTimeOffset.UtcNow, updatedAt = DateTimeOffset.UtcNow, details = new { }, history = Array.Empty<object>(),
            },
            _ => "unexpected",
        };
        await context.Request.InputStream.CopyToAsync(Stream.Null);
        context.Response.StatusCode = body is "unexpected" ? 404 : 200;
        if (body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)));
        }
    }
}
