using System.Text.RegularExpressions;

namespace Lake.Contracts.Dqdl;

/// <summary>Conditions, literals and thresholds.</summary>
public sealed partial class DqdlParser
{
    private const string ValueForms = "= != > >= < <= value, between A and B, in [...], not in [...], matches \"regex\"";

    /// <summary>A <c>ColumnValues</c> condition: comparison, between, in, not in or matches.</summary>
    private DqdlCondition ValueCondition()
    {
        var start = Current;
        var position = _map.PositionOf(start.Start);
        if (start.IsWord("between"))
        {
            Advance();
            var low = Literal("'between'");
            ExpectWord("and", "'and' between the two bounds");
            var high = Literal("'and'");
            CheckOrder(low, high);
            return new BetweenCondition(low, high, position);
        }

        if (start.IsWord("in") || start.IsWord("not"))
        {
            Advance();
            var negated = start.IsWord("not");
            if (negated)
            {
                ExpectWord("in", "'in' after 'not'");
            }

            return new InCondition(LiteralList(), negated, position);
        }

        if (start.IsWord("matches"))
        {
            Advance();
            var pattern = Expect(TokenKind.String, "a regular expression in double quotes after 'matches'");
            try
            {
                _ = new Regex(pattern.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw Error(pattern, $"invalid regular expression: {e.Message}");
            }

            return new MatchesCondition(pattern.Value, position);
        }

        if (Operator(start.Kind) is { } op)
        {
            Advance();
            return new ComparisonCondition(op, Literal($"'{start.Value}'"), position);
        }

        throw Error(start, $"expected a condition ({ValueForms}), found {start.Describe()}");
    }

    /// <summary>A condition on a number (a count, a length, an expression, a threshold): comparison or between.</summary>
    private DqdlCondition NumericCondition(string subject, bool wholeNumbers)
    {
        var start = Current;
        var position = _map.PositionOf(start.Start);
        if (start.IsWord("between"))
        {
            Advance();
            var low = Number("'between'", subject, wholeNumbers);
            ExpectWord("and", "'and' between the two bounds");
            var high = Number("'and'", subject, wholeNumbers);
            CheckOrder(low, high);
            return new BetweenCondition(low, high, position);
        }

        if (Operator(start.Kind) is { } op)
        {
            Advance();
            return new ComparisonCondition(op, Number($"'{start.Value}'", subject, wholeNumbers), position);
        }

        throw Error(start, $"expected a condition on {subject} (= != > >= < <= N, or between A and B), found {start.Describe()}");
    }

    /// <summary>The optional <c>with threshold &lt;condition&gt;</c>: the share (0..1) of rows that must pass.</summary>
    private DqdlCondition? Threshold()
    {
        if (!Current.IsWord("with"))
        {
            return null;
        }

        Advance();
        ExpectWord("threshold", "'threshold' after 'with'");
        var first = Current;
        var condition = NumericCondition("a threshold", wholeNumbers: false);
        var bounds = condition switch
        {
            BetweenCondition between => new[] { between.Low, between.High },
            ComparisonCondition comparison => [comparison.Value],
            _ => [],
        };
        return bounds.Any(b => b.Number is < 0 or > 1)
            ? throw _map.Error(first.Start, "a threshold is a share of rows between 0 and 1")
            : condition;
    }

    private List<DqdlLiteral> LiteralList()
    {
        Expect(TokenKind.LeftBracket, "'[' to open the list of values");
        var values = new List<DqdlLiteral> { Literal("'['") };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            values.Add(Literal("','"));
        }

        Expect(TokenKind.RightBracket, "',' or ']' in the list of values");
        return values;
    }

    private DqdlLiteral Literal(string after)
    {
        var token = Current;
        var position = _map.PositionOf(token.Start);
        if (token.Kind == TokenKind.String)
        {
            Advance();
            return new DqdlLiteral(LiteralKind.String, token.Value, position);
        }

        if (token.Kind is TokenKind.Number or TokenKind.Minus)
        {
            return Number(after, "a value", wholeNumbers: false);
        }

        if (token.IsWord("true") || token.IsWord("false") || token.IsWord("NULL") || token.IsWord("null"))
        {
            Advance();
            return token.Value is "true" or "false"
                ? new DqdlLiteral(LiteralKind.Boolean, token.Value, position)
                : new DqdlLiteral(LiteralKind.Null, "NULL", position);
        }

        throw Error(token, $"expected a value (a number, a \"string\", true, false or NULL) after {after}, found {token.Describe()}");
    }

    private DqdlLiteral Number(string after, string subject, bool wholeNumbers)
    {
        var first = Current;
        var negative = first.Kind == TokenKind.Minus;
        if (negative)
        {
            Advance();
        }

        var digits = Expect(TokenKind.Number, $"a number after {(negative ? "'-'" : after)}");
        if (wholeNumbers && (negative || digits.Value.Contains('.')))
        {
            throw Error(first, $"{subject} is compared with whole numbers >= 0, found {(negative ? "-" : "")}{digits.Value}");
        }

        if (!decimal.TryParse(digits.Value, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Error(digits, $"number {digits.Value} is too large");
        }

        return new DqdlLiteral(LiteralKind.Number, (negative ? "-" : "") + digits.Value, _map.PositionOf(first.Start));
    }

    private void CheckOrder(DqdlLiteral low, DqdlLiteral high)
    {
        if (low.Kind == LiteralKind.Number && high.Kind == LiteralKind.Number && low.Number > high.Number)
        {
            throw new ContractException(_map.SourceName, high.Position, $"the bounds are reversed: {low.Text} is greater than {high.Text}");
        }
    }

    private void ExpectWord(string word, string what)
    {
        if (!Current.IsWord(word))
        {
            throw Error(Current, $"expected {what}, found {Current.Describe()}");
        }

        Advance();
    }

    private static ComparisonOperator? Operator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Greater => ComparisonOperator.GreaterThan,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterThanOrEqual,
        TokenKind.Less => ComparisonOperator.LessThan,
        TokenKind.LessOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => null,
    };
}
