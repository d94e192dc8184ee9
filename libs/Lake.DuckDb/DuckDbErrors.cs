using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lake.DuckDb;

/// <summary>
/// The kind of a DuckDB error. DuckDB.NET carries DuckDB's error type only for errors raised while a statement runs;
/// one raised while it is parsed, bound or prepared (a syntax error, an unknown table, a file the sandbox forbids)
/// comes back as <see cref="DuckDBErrorType.Invalid"/>, its kind only in the message's prefix
/// (<c>Parser Error: ...</c>, <c>Catalog Error: ...</c>, <c>Permission Error: ...</c>).
/// </summary>
public static class DuckDbErrors
{
    /// <summary>The error's type as DuckDB reported it, else as its message's "X Error:" prefix names it.</summary>
    public static DuckDBErrorType Kind(this DuckDBException error) =>
        error.ErrorType != DuckDBErrorType.Invalid ? error.ErrorType : KindFromMessage(error.Message);

    /// <summary>
    /// The <see cref="DuckDBErrorType"/> DuckDB's message starts with (<c>Out of Memory Error: ...</c> is
    /// <see cref="DuckDBErrorType.OutOfMemory"/>); <see cref="DuckDBErrorType.Invalid"/> when it names none.
    /// </summary>
    public static DuckDBErrorType KindFromMessage(string message)
    {
        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        var name = end > 0 ? message[..end].Replace(" ", "", StringComparison.Ordinal) : "";
        return name.Length > 0 && name.All(char.IsAsciiLetter) && Enum.TryParse<DuckDBErrorType>(name, ignoreCase: true, out var kind)
            ? kind
            : DuckDBErrorType.Invalid;
    }
}
