using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Lake.Functions.Validate.FileChecks;

/// <summary>
/// Streams a CSV file once, in fixed-size chunks, and stops at the first file-level failure: size, UTF-8
/// (a BOM is tolerated), line length, header (and delimiter), one kind of line ending, emptiness. Memory stays bounded whatever the
/// file's size (a 1 GB file is never held). Not thread-safe: one instance per file.
/// </summary>
public sealed class FileValidator(CsvFileRules rules)
{
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly List<byte> _header = [];
    private long _bytes;
    private long _line = 1;
    private int _lineLength;
    private bool _lineHasContent;
    private long _dataRows;
    private bool _headerChecked;
    private bool _pendingCarriageReturn;
    private bool? _crlf;

    public async Task<FileValidationResult> ValidateAsync(Stream file, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        try
        {
            var carried = 0;
            while (true)
            {
                var read = await file.ReadAsync(buffer.AsMemory(carried, ChunkSize), cancellationToken);
                var final = read == 0;
                var available = carried + read;
                var (failure, consumed) = Scan(buffer.AsSpan(0, available), carried, final);
                if (failure is not null)
                {
                    return Result(failure);
                }

                if (final)
                {
                    return Result(Finish());
                }

                // Up to 3 bytes of a UTF-8 sequence split by the chunk boundary wait for the next chunk.
                carried = available - consumed;
                buffer.AsSpan(consumed, carried).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private FileValidationResult Result(ValidationFailure? failure) => new(failure, _bytes, _dataRows);

    /// <summary>Checks the chunk's bytes; returns a failure or how many bytes were fully processed.</summary>
    private (ValidationFailure? Failure, int Consumed) Scan(ReadOnlySpan<byte> chunk, int alreadyCounted, bool final)
    {
        _bytes += chunk.Length - alreadyCounted;
        if (_bytes > rules.MaxBytes)
        {
            return (new ValidationFailure(FileCheck.MaxBytes, 0, $"the file is larger than the contract's limit of {rules.MaxBytes:N0} bytes"), 0);
        }

        var start = _bytes == chunk.Length && chunk.StartsWith(Bom) ? Bom.Length : 0;
        var status = Utf8Check(chunk[start..], final, out var valid);
        var end = start + valid;
        for (var i = start; i < end;)
        {
            // Whole line segments at a time: the newline search and the blank check are vectorised.
            var segment = chunk[i..end];
            var newline = segment.IndexOf((byte)'\n');
            var part = newline < 0 ? segment : segment[..newline];
            if (AddToLine(part) is { } tooLong)
            {
                return (tooLong, i);
            }

            if (newline < 0)
            {
                break;
            }

            if (EndLine(newline: true) is { } failure)
            {
                return (failure, i + newline);
            }

            i += newline + 1;
        }

        if (status == OperationStatus.InvalidData)
        {
            return (new ValidationFailure(FileCheck.Utf8, _line, $"byte 0x{chunk[end]:X2} at offset {_bytes - chunk.Length + end:N0} is not valid UTF-8"), end);
        }

        return (null, end);
    }

    private static OperationStatus Utf8Check(ReadOnlySpan<byte> bytes, bool final, out int valid)
    {
        Span<char> scratch = stackalloc char[1024];
        valid = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[valid..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: final);
            valid += read;
            if (status != OperationStatus.DestinationTooSmall)
            {
                return status == OperationStatus.NeedMoreData && final ? OperationStatus.InvalidData : status;
            }
        }
    }

    private ValidationFailure? AddToLine(ReadOnlySpan<byte> part)
    {
        // A '\r' not followed by '\n' ends a line for some readers and not for others (DuckDB fails on it).
        if (part.Length > 0 && (_pendingCarriageReturn || part[..^1].Contains((byte)'\r')))
        {
            return new ValidationFailure(FileCheck.LineEndings, _line,
                $"line {_line:N0} holds a carriage return (\\r) that does not end the line: lines must end with \\n or \\r\\n");
        }

        _pendingCarriageReturn = part.Length > 0 ? part[^1] == (byte)'\r' : _pendingCarriageReturn;
        var length = part.Length - part.Count((byte)'\r');
        _lineLength += length;
        _lineHasContent |= part.IndexOfAnyExcept(" \t\r"u8) >= 0;
        if (_line == 1 && _header.Count <= rules.MaxLineLength)
        {
            foreach (var b in part[..Math.Min(part.Length, rules.MaxLineLength + 1 - _header.Count)])
            {
                if (b != (byte)'\r')
                {
                    _header.Add(b);
                }
            }
        }

        return _lineLength > rules.MaxLineLength
            ? new ValidationFailure(FileCheck.MaxLineLength, _line, $"line {_line:N0} is longer than the contract's limit of {rules.MaxLineLength:N0} bytes")
            : null;
    }

    private ValidationFailure? EndLine(bool newline)
    {
        ValidationFailure? failure = null;
        if (_line == 1 && rules.HasHeader)
        {
            failure = CheckHeader();
        }
        else if (_lineHasContent)
        {
            _dataRows++;
        }

        if (newline && failure is null)
        {
            var crlf = _pendingCarriageReturn;
            _pendingCarriageReturn = false;
            _crlf ??= crlf;
            if (_crlf != crlf)
            {
                failure = new ValidationFailure(FileCheck.LineEndings, _line,
                    $"line {_line:N0} ends with {Ending(crlf)}, the lines before it with {Ending(!crlf)}: one kind of line ending per file");
            }
        }

        _line++;
        _lineLength = 0;
        _lineHasContent = false;
        return failure;
    }

    private static string Ending(bool crlf) => crlf ? "\\r\\n" : "\\n";

    private ValidationFailure? CheckHeader()
    {
        _headerChecked = true;
        var header = Encoding.UTF8.GetString(_header.ToArray());
        return string.IsNullOrWhiteSpace(header) ? null : HeaderCheck.Check(header, rules);
    }

    /// <summary>After the last byte: the last line (which may lack a newline), then emptiness.</summary>
    private ValidationFailure? Finish()
    {
        var header = Encoding.UTF8.GetString(_header.ToArray());
        if (_lineLength > 0 || _lineHasContent)
        {
            if (EndLine(newline: false) is { } failure)
            {
                return failure;
            }
        }

        if (string.IsNullOrWhiteSpace(header) && _dataRows == 0)
        {
            return new ValidationFailure(FileCheck.NotEmpty, 0, _bytes == 0 ? "the file is empty (0 bytes)" : "the file holds only blank lines");
        }

        if (rules.HasHeader && !_headerChecked && CheckHeader() is { } headerFailure)
        {
            return headerFailure;
        }

        return rules.HasHeader && _dataRows == 0
            ? new ValidationFailure(FileCheck.NotHeaderOnly, 0, "the file has a header but no rows")
            : null;
    }
}
