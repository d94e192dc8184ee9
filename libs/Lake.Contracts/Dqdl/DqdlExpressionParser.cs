using System.Globalization;

namespace Lake.Contracts.Dqdl;

/// <summary>
/// Parses the expression of a <c>ColumnExpression</c> rule (Lake's extension): bare column names, numbers,
/// <c>+ - * /</c> with the usual precedence, unary minus, parentheses and <c>abs(x)</c>.
/// </summary>
internal sealed class DqdlExpressionParser
{
    private readonly SourceMap _map;
    private readonly List<DqdlToken> _tokens;
    private int _p;

    private DqdlExpressionParser(string text, SourceMap map, int start, int end)
    {
        _map = map;
        _tokens = new DqdlLexer(text, map, start, end).Tokenize();
    }

    /// <summary>Parses <c>text[start..end]</c>, the inside of the rule's quoted string.</summary>
    public static DqdlExpression Parse(string text, SourceMap map, int start, int end)
    {
        var parser = new DqdlExpressionParser(text, map, start, end);
        var expression = parser.Sum();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Error($"expected an operator (+ - * /) or the end of the expression, found {parser.Describe(parser.Current)}");
        }

        return expression;
    }

    private DqdlToken Current => _tokens[_p];

    private DqdlExpression Sum()
    {
        var left = Product();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _tokens[_p++].Kind == TokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract;
            left = new BinaryExpression(op, left, Product());
        }

        return left;
    }

    private DqdlExpression Product()
    {
        var left = Unary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = _tokens[_p++].Kind == TokenKind.Star ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide;
            left = new BinaryExpression(op, left, Unary());
        }

        return left;
    }

    private DqdlExpression Unary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            _p++;
            return new NegateExpression(Unary());
        }

        return Primary();
    }

    private DqdlExpression Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                var value = decimal.TryParse(token.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw Error($"number {token.Value} is too large");
                _p++;
                return new NumberLiteral(value);
            case TokenKind.LeftParen:
                _p++;
                var inner = Sum();
                ExpectClosingParen();
                return inner;
            case TokenKind.Identifier when _tokens[_p + 1].Kind == TokenKind.LeftParen:
                if (token.Value != "abs")
                {
                    throw Error($"unknown function '{token.Value}' (the only function is abs)");
                }

                _p += 2;
                var argument = Sum();
                ExpectClosingParen();
                return new AbsExpression(argument);
            case TokenKind.Identifier:
                _p++;
                return new ColumnReference(token.Value, _map.PositionOf(token.Start));
            default:
                throw Error($"expected a column name, a number, '(' or abs(...), found {Describe(token)}");
        }
    }

    private void ExpectClosingParen()
    {
        if (Current.Kind != TokenKind.RightParen)
        {
            throw Error($"expected ')', found {Describe(Current)}");
        }

        _p++;
    }

    private string Describe(DqdlToken token) => token.Kind == TokenKind.End ? "the end of the expression" : token.Describe();

    private ContractException Error(string reason) => _map.Error(Current.Start, reason);
}
