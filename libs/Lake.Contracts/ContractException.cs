namespace Lake.Contracts;

/// <summary>
/// A contract that cannot be loaded: malformed YAML, an unknown key or rule, a rule that contradicts the
/// columns. The message reads <c>file:line:column: reason</c>, positions 1-based in the contract file.
/// </summary>
public sealed class ContractException : Exception
{
    public ContractException(string sourceName, SourcePosition position, string reason, Exception? innerException = null)
        : base($"{sourceName}:{position.Line}:{position.Column}: {reason}", innerException)
    {
        SourceName = sourceName;
        Position = position;
        Reason = reason;
    }

    /// <summary>The file (or the name given to <see cref="ContractLoader.Parse"/>).</summary>
    public string SourceName { get; }

    public SourcePosition Position { get; }

    /// <summary>What was wrong and what was expected, without the position.</summary>
    public string Reason { get; }
}
