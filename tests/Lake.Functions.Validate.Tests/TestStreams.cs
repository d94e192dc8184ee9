namespace Lake.Functions.Validate.Tests;

/// <summary>A CSV of a header and one row repeated, produced on the fly: large files without the disk or memory.</summary>
internal sealed class RepeatingRowStream(string header, string row, long rows) : Stream
{
    private readonly byte[] _header = System.Text.Encoding.UTF8.GetBytes(header);
    private readonly byte[] _row = System.Text.Encoding.UTF8.GetBytes(row);
    private long _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && _position < Length)
        {
            var (source, index) = _position < _header.Length
                ? (_header, (int)_position)
                : (_row, (int)((_position - _header.Length) % _row.Length));
            var n = Math.Min(count - written, source.Length - index);
            Array.Copy(source, index, buffer, offset + written, n);
            written += n;
            _position += n;
        }

        return written;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _header.Length + (rows * _row.Length);
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
