using System.Globalization;
using Lake.Contracts.Dqdl;

namespace Lake.Contracts;

/// <summary>
/// Checks parsed rules against the declared columns: every named column exists, and every condition fits
/// its column's type (numbers for numeric columns, dates as "yyyy-MM-dd", matches and lengths on strings).
/// </summary>
internal sealed class RuleChecker(string sourceName, IReadOnlyList<ColumnDefinition> columns)
{
    private static readonly string[] TimestampFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    public void Check(IReadOnlyList<DqdlRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var mention in rule.ColumnMentions)
            {
                _ = columns.FirstOrDefault(c => c.Name == mention.Name)
                    ?? throw Error(mention.Position, $"{rule.RuleType} names column '{mention.Name}', which the contract does not declare (columns: {string.Join(", ", columns.Select(c => c.Name))})");
            }

            switch (rule)
            {
                case ColumnValuesRule values:
                    CheckCondition(values.Condition, Column(values.Column));
                    break;
                case ColumnLengthRule length when Column(length.Column).Type.Kind != ColumnKind.String:
                    throw Error(length.ColumnMentions[0].Position, $"ColumnLength needs a string column; '{length.Column}' is {Column(length.Column).Type}");
                case ColumnExpressionRule expression:
                    foreach (var mention in expression.ColumnMentions.Where(m => !Column(m.Name).Type.IsNumeric))
                    {
                        throw Error(mention.Position, $"ColumnExpression needs numeric columns; '{mention.Name}' is {Column(mention.Name).Type}");
                    }

                    break;
            }
        }
    }

    private void CheckCondition(DqdlCondition condition, ColumnDefinition column)
    {
        switch (condition)
        {
            case MatchesCondition when column.Type.Kind != ColumnKind.String:
                throw Error(condition.Position, $"'matches' needs a string column; '{column.Name}' is {column.Type}");
            case ComparisonCondition comparison:
                var equality = comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual;
                CheckOrdering(column, condition, equality);
                CheckLiteral(comparison.Value, column, nullAllowed: equality);
                break;
            case BetweenCondition between:
                CheckOrdering(column, condition, equality: false);
                CheckLiteral(between.Low, column, nullAllowed: false);
                CheckLiteral(between.High, column, nullAllowed: false);
                if (column.Type.IsTemporal && string.CompareOrdinal(between.Low.Text, between.High.Text) > 0)
                {
                    throw Error(between.High.Position, $"the bounds are reversed: {between.Low} is after {between.High}");
                }

                break;
            case InCondition set:
                set.Values.ToList().ForEach(value => CheckLiteral(value, column, nullAllowed: true));
                break;
        }
    }

    private void CheckOrdering(ColumnDefinition column, DqdlCondition condition, bool equality)
    {
        if (column.Type.Kind == ColumnKind.Boolean && !equality)
        {
            throw Error(condition.Position, $"boolean column '{column.Name}' can only be compared with =, !=, in or not in");
        }
    }

    private void CheckLiteral(DqdlLiteral literal, ColumnDefinition column, bool nullAllowed)
    {
        if (literal.Kind == LiteralKind.Null)
        {
            if (!nullAllowed)
            {
                throw Error(literal.Position, "NULL can only be compared with =, !=, in or not in");
            }

            return;
        }

        var (fits, expected) = column.Type.Kind switch
        {
            ColumnKind.String => (literal.Kind == LiteralKind.String, "a \"string\""),
            ColumnKind.Boolean => (literal.Kind == LiteralKind.Boolean, "true or false"),
            ColumnKind.Date => (literal.Kind == LiteralKind.String && IsDate(literal.Text), "a date \"yyyy-MM-dd\""),
            ColumnKind.Timestamp => (literal.Kind == LiteralKind.String && IsTimestamp(literal.Text), "a timestamp \"yyyy-MM-ddTHH:mm:ss\""),
            _ => (literal.Kind == LiteralKind.Number, "a number"),
        };
        if (!fits)
        {
            throw Error(literal.Position, $"type mismatch: {column.Type} column '{column.Name}' is compared with {Describe(literal)}; expected {expected}");
        }
    }

    private static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsTimestamp(string text) =>
        DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Describe(DqdlLiteral literal) => literal.Kind switch
    {
        LiteralKind.String => $"string {literal}",
        LiteralKind.Number => $"number {literal}",
        _ => literal.Text,
    };

    private ColumnDefinition Column(string name) => columns.First(c => c.Name == name);

    private ContractException Error(SourcePosition position, string reason) => new(sourceName, position, reason);
}
