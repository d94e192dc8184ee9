namespace Lake.Transform.Conversion;

/// <summary>
/// The file cannot be converted by its contract, and converting it again would give the same answer: its header
/// is not the contract's, a record has the wrong number of fields, or DuckDB cannot run one of the contract's
/// rules. The message says which, with DuckDB's own words (line included) when DuckDB found it.
/// </summary>
public sealed class ConversionRefusedException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>DuckDB's message up to its list of suggested fixes and option dump, which read badly in an alert.</summary>
    public static string Brief(string duckDbMessage)
    {
        var lines = duckDbMessage.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.Length > 0 && !l.StartsWith("Possible fixes", StringComparison.Ordinal));
        return string.Join(' ', lines).Trim();
    }
}
