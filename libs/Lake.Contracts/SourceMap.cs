namespace Lake.Contracts;

/// <summary>
/// Maps an offset in a piece of text to its line and column in the file that holds it. A DQDL ruleset sits in
/// a YAML block scalar: its line <c>i</c> is the file's line <c>firstLine + i</c>, shifted right by that
/// line's indentation, which YAML removed.
/// </summary>
public sealed class SourceMap
{
    private readonly List<int> _lineStarts = [0];
    private readonly int _firstLine;
    private readonly IReadOnlyList<int> _indents;

    /// <param name="firstLine">The file line (1-based) of the text's first line.</param>
    /// <param name="lineIndents">For each line of the text, how many columns the file has before it; none means 0.</param>
    public SourceMap(string sourceName, string text, int firstLine = 1, IReadOnlyList<int>? lineIndents = null)
    {
        SourceName = sourceName;
        _firstLine = firstLine;
        _indents = lineIndents ?? [];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public string SourceName { get; }

    public SourcePosition PositionOf(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var indent = _indents.Count == 0 ? 0 : _indents[Math.Min(line, _indents.Count - 1)];
        return new SourcePosition(_firstLine + line, indent + offset - _lineStarts[line] + 1);
    }

    public ContractException Error(int offset, string reason) => new(SourceName, PositionOf(offset), reason);
}
