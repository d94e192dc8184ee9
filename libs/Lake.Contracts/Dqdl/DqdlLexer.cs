using System.Text;

namespace Lake.Contracts.Dqdl;

/// <summary>
/// Splits DQDL text into tokens: identifiers, double-quoted strings (escapes <c>\"</c> and <c>\\</c>, one line),
/// unsigned numbers, brackets, commas and operators. <c>#</c> starts a comment to the end of the line.
/// </summary>
internal sealed class DqdlLexer(string text, SourceMap map, int start, int end)
{
    private int _i = start;

    public DqdlLexer(string text, SourceMap map)
        : this(text, map, 0, text.Length)
    {
    }

    public List<DqdlToken> Tokenize()
    {
        var tokens = new List<DqdlToken>();
        while (true)
        {
            SkipBlanksAndComments();
            if (_i >= end)
            {
                tokens.Add(new DqdlToken(TokenKind.End, "", end, end));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private void SkipBlanksAndComments()
    {
        while (_i < end)
        {
            if (char.IsWhiteSpace(text[_i]))
            {
                _i++;
            }
            else if (text[_i] == '#')
            {
                while (_i < end && text[_i] != '\n')
                {
                    _i++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private DqdlToken Next()
    {
        var from = _i;
        var c = text[_i];
        if (c == '"')
        {
            return ReadString();
        }

        if (char.IsAsciiDigit(c))
        {
            ReadWhile(char.IsAsciiDigit);
            if (_i + 1 < end && text[_i] == '.' && char.IsAsciiDigit(text[_i + 1]))
            {
                _i++;
                ReadWhile(char.IsAsciiDigit);
            }

            return Token(TokenKind.Number, from);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            ReadWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.');
            return Token(TokenKind.Identifier, from);
        }

        var twoChars = _i + 1 < end ? text.Substring(_i, 2) : "";
        var (kind, length) = twoChars switch
        {
            "!=" => (TokenKind.NotEqual, 2),
            ">=" => (TokenKind.GreaterOrEqual, 2),
            "<=" => (TokenKind.LessOrEqual, 2),
            _ => c switch
            {
                '[' => (TokenKind.LeftBracket, 1),
                ']' => (TokenKind.RightBracket, 1),
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                ',' => (TokenKind.Comma, 1),
                '=' => (TokenKind.Equal, 1),
                '>' => (TokenKind.Greater, 1),
                '<' => (TokenKind.Less, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                _ => throw map.Error(from, $"unexpected character '{c}'"),
            },
        };
        _i += length;
        return Token(kind, from);
    }

    private DqdlToken ReadString()
    {
        var from = _i++;
        var value = new StringBuilder();
        while (_i < end && text[_i] is not ('"' or '\n' or '\r'))
        {
            if (text[_i] == '\\' && _i + 1 < end && text[_i + 1] is '"' or '\\')
            {
                _i++;
            }

            value.Append(text[_i++]);
        }

        if (_i >= end || text[_i] != '"')
        {
            throw map.Error(from, "unterminated string (expected a closing '\"' on the same line)");
        }

        _i++;
        return new DqdlToken(TokenKind.String, value.ToString(), from, _i);
    }

    private void ReadWhile(Func<char, bool> predicate)
    {
        while (_i < end && predicate(text[_i]))
        {
            _i++;
        }
    }

    private DqdlToken Token(TokenKind kind, int from) => new(kind, text[from.._i], from, _i);
}
