using System.Net;

namespace Lake.Cli.Api;

/// <summary>A file as a request body that reports how many bytes have been sent.</summary>
internal sealed class ProgressContent(Stream source, IProgress<long> progress) : HttpContent
{
    private const int ChunkSize = 81_920;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sent += read;
            progress.Report(sent);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = source.Length;
        return true;
    }
}
