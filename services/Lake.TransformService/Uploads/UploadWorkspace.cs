using Lake.Uploads;

namespace Lake.TransformService.Uploads;

/// <summary>
/// One upload's local directory (the downloaded CSV, DuckDB's spill files, the outputs before they are uploaded),
/// removed when the upload is done, whether it succeeded or failed.
/// </summary>
public sealed class UploadWorkspace : IDisposable
{
    private UploadWorkspace(string directory) => Directory = directory;

    public string Directory { get; }

    public string CsvPath => Path.Combine(Directory, "input.csv");

    public string OutputDirectory => Path.Combine(Directory, "out");

    /// <summary>Where a second conversion writes, when keys were taken while the first ran.</summary>
    public string AgainDirectory => Path.Combine(Directory, "out-again");

    /// <param name="root">The parent of every upload's workspace; one process's attempts never share a directory.</param>
    public static UploadWorkspace Create(string root, UploadId uploadId)
    {
        var directory = Path.Combine(root, "uploads", $"{uploadId}-{Guid.NewGuid().ToString("N")[..8]}");
        System.IO.Directory.CreateDirectory(directory);
        return new UploadWorkspace(directory);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
