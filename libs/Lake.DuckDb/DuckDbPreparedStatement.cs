using System.Text;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// A statement prepared once and run many times with bound parameters. Parameter indices are
/// 1-based, as in DuckDB (<c>$1</c> is index 1). Bound values stay bound across executions.
/// </summary>
/// <remarks>Belongs to its <see cref="DuckDbConnection"/>: not safe for concurrent use.</remarks>
public sealed class DuckDbPreparedStatement : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly DuckDbPreparedStatementHandle _handle;

    internal DuckDbPreparedStatement(DuckDbConnection connection, DuckDbPreparedStatementHandle handle)
    {
        _connection = connection;
        _handle = handle;
    }

    /// <summary>What kind of statement this is, as DuckDB parsed it (e.g. to allow only reads).</summary>
    public DuckDbStatementType StatementType
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return (DuckDbStatementType)NativeMethods.PreparedStatementType(_handle);
        }
    }

    /// <summary>How many parameters the statement takes.</summary>
    public int ParameterCount => (int)NativeMethods.ParameterCount(_handle);

    public DuckDbPreparedStatement Bind(int index, bool value) => Check(index, NativeMethods.BindBoolean(_handle, Index(index), value));

    public DuckDbPreparedStatement Bind(int index, int value) => Check(index, NativeMethods.BindInt32(_handle, Index(index), value));

    public DuckDbPreparedStatement Bind(int index, long value) => Check(index, NativeMethods.BindInt64(_handle, Index(index), value));

    public DuckDbPreparedStatement Bind(int index, double value) => Check(index, NativeMethods.BindDouble(_handle, Index(index), value));

    /// <summary>Binds a DECIMAL with the value's own precision and scale.</summary>
    public DuckDbPreparedStatement Bind(int index, decimal value) =>
        Check(index, NativeMethods.BindDecimal(_handle, Index(index), ValueEncoding.ToNativeDecimal(value)));

    /// <summary>Binds a VARCHAR, or NULL when <paramref name="value"/> is null.</summary>
    public unsafe DuckDbPreparedStatement Bind(int index, string? value)
    {
        if (value is null)
        {
            return BindNull(index);
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* pointer = bytes)
        {
            return Check(index, NativeMethods.BindVarcharLength(_handle, Index(index), pointer, (ulong)bytes.Length));
        }
    }

    /// <summary>Binds a DATE.</summary>
    public DuckDbPreparedStatement Bind(int index, DateOnly value) =>
        Check(index, NativeMethods.BindDate(_handle, Index(index), new DuckDbNativeDate { Days = ValueEncoding.ToDays(value) }));

    /// <summary>Binds a TIMESTAMP (microseconds); local times are converted to UTC, unspecified ones taken as UTC.</summary>
    public DuckDbPreparedStatement Bind(int index, DateTime value) =>
        Check(index, NativeMethods.BindTimestamp(_handle, Index(index), new DuckDbNativeTimestamp { Micros = ValueEncoding.ToMicros(value) }));

    public DuckDbPreparedStatement BindNull(int index) => Check(index, NativeMethods.BindNull(_handle, Index(index)));

    /// <summary>Binds a boxed value of any type the typed overloads take (null and <see cref="DBNull"/> bind NULL).</summary>
    public DuckDbPreparedStatement BindValue(int index, object? value) => value switch
    {
        null or DBNull => BindNull(index),
        bool v => Bind(index, v),
        byte or sbyte or short or ushort or int => Bind(index, Convert.ToInt32(value, null)),
        uint or long => Bind(index, Convert.ToInt64(value, null)),
        float or double => Bind(index, Convert.ToDouble(value, null)),
        decimal v => Bind(index, v),
        string v => Bind(index, v),
        DateOnly v => Bind(index, v),
        DateTime v => Bind(index, v),
        _ => throw new ArgumentException($"Cannot bind a {value.GetType().Name} to a DuckDB parameter.", nameof(value)),
    };

    /// <summary>Runs the statement; returns the rows it changed.</summary>
    public long Execute(CancellationToken cancellationToken = default)
    {
        using var result = Run(cancellationToken);
        return (long)NativeMethods.RowsChanged(result);
    }

    /// <summary>Runs the statement and returns a reader over its rows.</summary>
    public DuckDbDataReader Query(CancellationToken cancellationToken = default) => new(Run(cancellationToken));

    /// <summary>The first column of the first row, as <see cref="DuckDbConnection.ExecuteScalar{T}"/>.</summary>
    public T? ExecuteScalar<T>(CancellationToken cancellationToken = default)
    {
        using var reader = Query(cancellationToken);
        return reader.ReadScalar<T>();
    }

    public void Dispose() => _handle.Dispose();

    private DuckDbResultHandle Run(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return DuckDbExecution.Run(_connection.Handle, result => NativeMethods.ExecutePrepared(_handle, result), cancellationToken);
    }

    private ulong Index(int index)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        return (ulong)index;
    }

    private DuckDbPreparedStatement Check(int index, DuckDbState state)
    {
        if (state != DuckDbState.Success)
        {
            var reason = DuckDbException.FromPrepare(_handle).Message;
            throw new DuckDbException($"Could not bind parameter {index}: {reason}", DuckDbErrorType.InvalidInput);
        }

        return this;
    }
}
