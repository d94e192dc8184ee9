namespace Lake.Contracts.Dqdl;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    End,
}

/// <summary>A token: its kind, its value (a string's unescaped contents), and its span [Start, End) in the text.</summary>
internal readonly record struct DqdlToken(TokenKind Kind, string Value, int Start, int End)
{
    public bool IsWord(string word) => Kind == TokenKind.Identifier && Value == word;

    /// <summary>How an error message shows the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the rules",
        TokenKind.String => $"string \"{Value}\"",
        TokenKind.Number => $"number {Value}",
        _ => $"'{Value}'",
    };
}
