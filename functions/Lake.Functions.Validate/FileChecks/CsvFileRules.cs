namespace Lake.Functions.Validate.FileChecks;

/// <summary>The file-level part of a dataset contract: what a file must be before any row is read.</summary>
/// <param name="Columns">The header, in order.</param>
/// <param name="MaxLineLength">In bytes, line ending excluded.</param>
public sealed record CsvFileRules(
    IReadOnlyList<string> Columns,
    char Delimiter = ',',
    char Quote = '"',
    bool HasHeader = true,
    long MaxBytes = 100 * 1024 * 1024,
    int MaxLineLength = 4096);

/// <summary>The checks, by the name a reason file and an alert carry.</summary>
public enum FileCheck
{
    /// <summary>The key names a dataset with a contract.</summary>
    Dataset,
    NotEmpty,
    NotHeaderOnly,
    HeaderMatches,
    Delimiter,
    Utf8,
    MaxBytes,
    MaxLineLength,

    /// <summary>Lines end all with \n or all with \r\n; no carriage return alone.</summary>
    LineEndings,
}

/// <summary>Why a file was rejected: the check, the 1-based line (0 for the whole file) and what was seen.</summary>
public sealed record ValidationFailure(FileCheck Check, long Line, string Detail);

/// <summary>What streaming the file found.</summary>
public sealed record FileValidationResult(ValidationFailure? Failure, long Bytes, long DataRows)
{
    public bool Passed => Failure is null;
}
