using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// Forward-only rows of a result, read chunk by chunk (<c>duckdb_fetch_chunk</c>, about 2048 rows
/// each). Call <see cref="Read"/> before the first row. Column ordinals are 0-based.
/// </summary>
/// <remarks>
/// Belongs to the connection that produced it: not safe for concurrent use. Dispose it to free the
/// result. Typed getters throw <see cref="InvalidCastException"/> on NULL (check
/// <see cref="IsNull"/>) or on a type they cannot convert, <see cref="OverflowException"/> when the
/// value does not fit, and <see cref="NotSupportedException"/> for DuckDB types this library does
/// not read (see <see cref="DuckDbType"/>).
/// </remarks>
public sealed class DuckDbDataReader : IDisposable
{
    private readonly DuckDbResultHandle _result;
    private readonly DuckDbColumn[] _columns;
    private readonly nint[] _data;
    private readonly nint[] _validity;
    private DuckDbDataChunkHandle? _chunk;
    private ulong _chunkSize;
    private ulong _row;
    private bool _finished;

    internal DuckDbDataReader(DuckDbResultHandle result)
    {
        _result = result;
        var count = checked((int)NativeMethods.ColumnCount(result));
        _columns = new DuckDbColumn[count];
        for (var i = 0; i < count; i++)
        {
            _columns[i] = DuckDbColumn.Describe(result, i);
        }

        _data = new nint[count];
        _validity = new nint[count];
    }

    public int FieldCount => _columns.Length;

    public string GetName(int ordinal) => Column(ordinal).Name;

    public DuckDbType GetColumnType(int ordinal) => Column(ordinal).Type;

    /// <summary>The column's type as SQL spells it, e.g. <c>DECIMAL(12,2)</c> or <c>VARCHAR</c>.</summary>
    public string GetDataTypeName(int ordinal) => Column(ordinal).TypeName;

    /// <summary>Whether this reader can read the column's values (see <see cref="DuckDbType"/>); if not, cast it in SQL.</summary>
    public bool CanRead(int ordinal) => Column(ordinal).IsReadable;

    /// <summary>The ordinal of the column named <paramref name="name"/> (exact match first, then ignoring case).</summary>
    public int GetOrdinal(string name)
    {
        var index = Array.FindIndex(_columns, c => c.Name == name);
        index = index >= 0 ? index : Array.FindIndex(_columns, c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new IndexOutOfRangeException($"No column named '{name}'.");
    }

    /// <summary>Moves to the next row; false when there are no more.</summary>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        if (_finished)
        {
            return false;
        }

        if (_chunk is not null && _row + 1 < _chunkSize)
        {
            _row++;
            return true;
        }

        return NextChunk();
    }

    public bool IsNull(int ordinal)
    {
        Column(ordinal);
        EnsureRow();
        return !VectorCells.IsValid(_validity[ordinal], _row);
    }

    /// <summary>The value as its natural .NET type (see <see cref="DuckDbType"/>), or null for NULL.</summary>
    public object? GetValue(int ordinal) => IsNull(ordinal) ? null : VectorCells.Read(Cell(ordinal), _data[ordinal], _row);

    public bool GetBoolean(int ordinal) => VectorCells.ReadBoolean(Cell(ordinal), _data[ordinal], _row);

    public int GetInt32(int ordinal) => checked((int)VectorCells.ReadInteger(Cell(ordinal), _data[ordinal], _row));

    public long GetInt64(int ordinal) => checked((long)VectorCells.ReadInteger(Cell(ordinal), _data[ordinal], _row));

    public double GetDouble(int ordinal) => VectorCells.ReadDouble(Cell(ordinal), _data[ordinal], _row);

    public decimal GetDecimal(int ordinal) => VectorCells.ReadDecimal(Cell(ordinal), _data[ordinal], _row);

    public string GetString(int ordinal) => VectorCells.ReadString(Cell(ordinal), _data[ordinal], _row);

    public DateOnly GetDate(int ordinal) => VectorCells.ReadDate(Cell(ordinal), _data[ordinal], _row);

    /// <summary>A TIMESTAMP (or TIMESTAMPTZ) as a UTC <see cref="DateTime"/>.</summary>
    public DateTime GetDateTime(int ordinal) => VectorCells.ReadDateTime(Cell(ordinal), _data[ordinal], _row);

    /// <summary>The value converted to <typeparamref name="T"/>; NULL gives default for nullable <typeparamref name="T"/>.</summary>
    public T? GetFieldValue<T>(int ordinal) => ScalarConversion.To<T>(GetValue(ordinal), $"Column '{GetName(ordinal)}'");

    public void Dispose()
    {
        _chunk?.Dispose();
        _chunk = null;
        _result.Dispose();
    }

    /// <summary>The first column of the first row, for ExecuteScalar.</summary>
    internal T? ReadScalar<T>() =>
        FieldCount > 0 && Read() ? GetFieldValue<T>(0) : ScalarConversion.To<T>(null, "The query returned no row, so its scalar");

    private bool NextChunk()
    {
        while (true)
        {
            _chunk?.Dispose();
            _chunk = null;
            var chunk = _result.FetchChunk();
            if (chunk.IsInvalid)
            {
                chunk.Dispose();
                _finished = true;
                return false;
            }

            var size = NativeMethods.DataChunkGetSize(chunk);
            if (size == 0)
            {
                chunk.Dispose();
                continue;
            }

            for (var i = 0; i < _columns.Length; i++)
            {
                var vector = NativeMethods.DataChunkGetVector(chunk, (ulong)i);
                _data[i] = NativeMethods.VectorGetData(vector);
                _validity[i] = NativeMethods.VectorGetValidity(vector);
            }

            (_chunk, _chunkSize, _row) = (chunk, size, 0);
            return true;
        }
    }

    private DuckDbColumn Column(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _columns.Length);
        return _columns[ordinal];
    }

    private void EnsureRow()
    {
        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        if (_chunk is null)
        {
            throw new InvalidOperationException("No current row: call Read() first, and only while it returns true.");
        }
    }

    // The column of a non-NULL, readable cell in the current row.
    private DuckDbColumn Cell(int ordinal)
    {
        var column = Column(ordinal);
        if (IsNull(ordinal))
        {
            throw new InvalidCastException($"Column '{column.Name}' is NULL in this row; check IsNull first.");
        }

        return column.IsReadable ? column : throw column.NotSupported();
    }
}
