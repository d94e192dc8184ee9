using System.Runtime.InteropServices;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// A failure reported by DuckDB: opening a database, setting a config option, preparing, binding or
/// running a statement. <see cref="Exception.Message"/> is DuckDB's own message.
/// </summary>
public sealed class DuckDbException : Exception
{
    public DuckDbException()
    {
    }

    public DuckDbException(string message) : base(message)
    {
    }

    public DuckDbException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DuckDbException(string message, DuckDbErrorType errorType) : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>
    /// The kind of error as DuckDB classified it: from the statement's result, else from the
    /// "... Error:" prefix of DuckDB's message; <see cref="DuckDbErrorType.Unknown"/> when neither says.
    /// </summary>
    public DuckDbErrorType ErrorType { get; }

    internal static DuckDbException FromResult(DuckDbResultHandle result) =>
        new(
            Marshal.PtrToStringUTF8(NativeMethods.ResultError(result)) ?? "DuckDB reported an error without a message",
            (DuckDbErrorType)NativeMethods.ResultErrorType(result));

    internal static DuckDbException FromPrepare(DuckDbPreparedStatementHandle statement) =>
        FromMessage(Marshal.PtrToStringUTF8(NativeMethods.PrepareError(statement)) ?? "DuckDB could not prepare the statement");

    /// <summary>
    /// For errors that come as text only: DuckDB starts its messages with the error type
    /// ("Parser Error: ...", "IO Error: ..."), which names a <see cref="DuckDbErrorType"/>.
    /// </summary>
    internal static DuckDbException FromMessage(string message)
    {
        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        var name = end > 0 ? message[..end].Replace(" ", "", StringComparison.Ordinal) : "";
        var type = DuckDbErrorType.Unknown;
        if (name.Length > 0 && name.All(char.IsAsciiLetter))
        {
            Enum.TryParse(name, ignoreCase: true, out type);
        }

        return new DuckDbException(message, type);
    }
}
