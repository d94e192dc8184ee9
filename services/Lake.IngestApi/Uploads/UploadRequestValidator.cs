using Lake.IngestApi.Datasets;

namespace Lake.IngestApi.Uploads;

/// <summary>Refuses what cannot become a good upload, with the reason a client can act on.</summary>
internal static class UploadRequestValidator
{
    public const int MaxFileNameLength = 255;

    /// <summary>Null when the request is acceptable; otherwise one specific message.</summary>
    public static string? Check(CreateUploadRequest request, DatasetSummary? dataset, IReadOnlyCollection<DatasetSummary> known)
    {
        if (dataset is null)
        {
            return $"Unknown dataset '{request.Dataset}': known datasets are {string.Join(", ", known.Select(d => d.Name).Order())}.";
        }

        if (request.Size <= 0)
        {
            return $"Size must be the file's length in bytes, more than 0; it is {request.Size}.";
        }

        if (request.Size > dataset.MaxBytes)
        {
            return $"The file is {request.Size:N0} bytes; the {dataset.Name} contract accepts at most {dataset.MaxBytes:N0}.";
        }

        return CheckFileName(request.FileName);
    }

    /// <summary>The name is kept as metadata only, but path tricks and control characters are refused outright.</summary>
    private static string? CheckFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "FileName is required.";
        }

        if (name.Length > MaxFileNameLength)
        {
            return $"FileName is {name.Length} characters; at most {MaxFileNameLength} are allowed.";
        }

        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or ".." || name.StartsWith("..", StringComparison.Ordinal))
        {
            return $"FileName '{name}' must be a plain file name, without a path ('/', '\\\\' or '..').";
        }

        if (name.Any(char.IsControl))
        {
            return "FileName must not contain control characters.";
        }

        return null;
    }
}
